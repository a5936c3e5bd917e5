export { createPrng, type Prng } from '../../src-shared/demo/prng';
