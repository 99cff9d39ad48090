/** Defect switches, shard 2 of 2 (`switch-suite.ts`). */
import { describeSwitches, shard } from './switch-suite.ts'

describeSwitches(shard(1, 2))
