import { z } from 'zod';
import { MARKETPLACES, type Region } from '@/lib/amazon/marketplaces';

/** Input pieces several contracts share. */
export const emptyInput = z.object({}).strict();
export const regionSchema = z.enum(MARKETPLACES.map((m) => m.region) as [Region, ...Region[]]);
/** A PO as typed in the popup or at checkout. */
export const poInput = z.string().trim().min(1, 'Enter a PO number.').max(200);
export const langInput = z.string().max(35).optional();
