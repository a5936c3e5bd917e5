export { ReplicaDamagedNotice } from './ReplicaDamagedNotice';
