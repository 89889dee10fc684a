/** Whether the enterprise table drawer is open. */
import { toggleStore } from '../state/toggle-store';

const store = toggleStore();
export const setTableOpen = store.set;
export const useTableOpen = store.use;
