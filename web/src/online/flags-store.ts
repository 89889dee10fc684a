/** Whether the integrity-flag list drawer is open (it shares the table drawer's place: one at a time). */
import { toggleStore } from '../state/toggle-store';

const store = toggleStore();
export const setFlagsOpen = store.set;
export const useFlagsOpen = store.use;
