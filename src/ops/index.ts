// Every public op function. Each file holds one family; this list is the only place they are gathered.
export * from './convert.js';
export * from './creation.js';
export * from './cast.js';
export * from './arithmetic.js';
export * from './reduce-sum.js';
export * from './reshape.js';
