// Keyset cursors of the order list (lib/pagination/keyset-cursor.ts).
import { keysetCodec, type KeysetCursor } from "@/lib/pagination/keyset-cursor";
import { ORDER_SORT_SPECS, isOrderSortKey, type OrderSortKey } from "@/lib/orders/sort";

export type OrderCursor = KeysetCursor<OrderSortKey>;

const codec = keysetCodec(isOrderSortKey, (s) => ORDER_SORT_SPECS[s].type);
export const encodeOrderCursor = codec.encode;
export const decodeOrderCursor = codec.decode;
