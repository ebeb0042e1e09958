import { MemoryDedupIndex } from '../../src/dedup/index.js';
import { runIndexContract } from './indexContract.js';

runIndexContract('memory', () => new MemoryDedupIndex());
