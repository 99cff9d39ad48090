import { deriveSeed, createFaker } from './fixtures/seeded-faker.ts'
console.log(deriveSeed(7, 'SRV-X-001'), deriveSeed(8, 'SRV-X-001'))
console.log(createFaker(7, 'SRV-X-001').person.firstName(), createFaker(8, 'SRV-X-001').person.firstName())
console.log(createFaker(deriveSeed(7, 'SRV-X-001')).person.firstName(), createFaker(deriveSeed(8, 'SRV-X-001')).person.firstName())
import { Faker, en, base } from '@faker-js/faker'
console.log(new Faker({locale:[en,base], seed: 3000000001}).person.firstName(), new Faker({locale:[en,base], seed: 3000000002}).person.firstName(), new Faker({locale:[en,base], seed: 5}).person.firstName(), new Faker({locale:[en,base], seed: 6}).person.firstName())
