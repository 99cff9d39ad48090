/** Defect switches, shard 1 of 2 (`switch-suite.ts`). */
import { describeSwitches, shard } from './switch-suite.ts'

describeSwitches(shard(0, 2))
