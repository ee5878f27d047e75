// Keyset cursors of the customer list (lib/pagination/keyset-cursor.ts).
import { keysetCodec, type KeysetCursor } from "@/lib/pagination/keyset-cursor";
import { SORT_SPECS, isSortKey, type SortKey } from "@/lib/customers/sort";

export type ListCursor = KeysetCursor<SortKey>;

const codec = keysetCodec(isSortKey, (s) => SORT_SPECS[s].type);
export const encodeCursor = codec.encode;
export const decodeCursor = codec.decode;
