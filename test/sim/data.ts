/**
 * The simulator's data set: deterministic for a seed (a seeded PRNG per PO, never Math.random), with dates
 * relative to a configurable "now" so the orders always fall in the 2 years the API reaches back.
 *
 * The orders are built on the wire shape Amazon documents (see ../shared/reference), with the variants the
 * client must accept: `orderDate` as a string or `{ date }`, optional objects `null` or absent, a negative
 * PROMOTION, and charges that add up (SUBTOTAL + SHIPPING_AND_HANDLING + PROMOTION + TAX = NET_TOTAL).
 */

export type SimRegion = 'US' | 'CA' | 'MX' | 'UK' | 'DE' | 'FR' | 'IT' | 'ES' | 'IN' | 'JP' | 'AU';
export type SimStatus =
  'PENDING_APPROVAL' | 'PAYMENT_CONFIRMED' | 'PENDING_FULFILLMENT' | 'PENDING' | 'CANCELLED' | 'CLOSED';

export const SIM_STATUSES: readonly SimStatus[] = [
  'PENDING_APPROVAL',
  'PAYMENT_CONFIRMED',
  'PENDING_FULFILLMENT',
  'PENDING',
  'CANCELLED',
  'CLOSED',
];

/** Which API endpoint serves which marketplaces (kept apart from lib/api so the two check each other). */
export const SIM_ENDPOINT_REGIONS: Readonly<Record<'na' | 'eu' | 'jp', readonly SimRegion[]>> = {
  na: ['US', 'CA', 'MX'],
  eu: ['UK', 'DE', 'FR', 'IT', 'ES', 'IN'],
  jp: ['JP', 'AU'],
};
export const SIM_REGIONS: readonly SimRegion[] = Object.values(SIM_ENDPOINT_REGIONS).flat();

interface RegionFacts {
  currency: string;
  /** Minor units per major unit (JPY has none). */
  minor: number;
  /** Roughly how many of this currency make one USD, for realistic magnitudes. */
  perUsd: number;
  taxRate: number;
  orderIdPrefix: string;
}

const REGION_FACTS: Record<SimRegion, RegionFacts> = {
  US: { currency: 'USD', minor: 100, perUsd: 1, taxRate: 0.0725, orderIdPrefix: '114' },
  CA: { currency: 'CAD', minor: 100, perUsd: 1.36, taxRate: 0.13, orderIdPrefix: '701' },
  MX: { currency: 'MXN', minor: 100, perUsd: 17.5, taxRate: 0.16, orderIdPrefix: '702' },
  UK: { currency: 'GBP', minor: 100, perUsd: 0.79, taxRate: 0.2, orderIdPrefix: '205' },
  DE: { currency: 'EUR', minor: 100, perUsd: 0.92, taxRate: 0.19, orderIdPrefix: '304' },
  FR: { currency: 'EUR', minor: 100, perUsd: 0.92, taxRate: 0.2, orderIdPrefix: '407' },
  IT: { currency: 'EUR', minor: 100, perUsd: 0.92, taxRate: 0.22, orderIdPrefix: '408' },
  ES: { currency: 'EUR', minor: 100, perUsd: 0.92, taxRate: 0.21, orderIdPrefix: '406' },
  IN: { currency: 'INR', minor: 100, perUsd: 83, taxRate: 0.18, orderIdPrefix: '403' },
  JP: { currency: 'JPY', minor: 1, perUsd: 150, taxRate: 0.1, orderIdPrefix: '503' },
  AU: { currency: 'AUD', minor: 100, perUsd: 1.52, taxRate: 0.1, orderIdPrefix: '250' },
};

export function currencyOf(region: SimRegion): string {
  return REGION_FACTS[region].currency;
}

/** How one sample PO is built. Statuses listed per region are used in order; the rest are drawn at random. */
export interface SimPoSpec {
  po: string;
  description: string;
  orders: Partial<Record<SimRegion, number>>;
  statuses?: Partial<Record<SimRegion, readonly SimStatus[]>>;
  /** Orders fall between 1 and this many days before "now". */
  maxDaysAgo: number;
  /** Largest subtotal of one order, in USD before conversion. Default 1500. */
  maxSubtotalUsd?: number;
  buyerGroup: string;
  department: string;
}

export const SIM_PO_SPECS: readonly SimPoSpec[] = [
  {
    po: 'MKT-202611-0042',
    description: 'a few orders this month (US), every open status',
    orders: { US: 4 },
    statuses: { US: ['PENDING_APPROVAL', 'PAYMENT_CONFIRMED', 'PENDING_FULFILLMENT', 'CLOSED'] },
    maxDaysAgo: 20,
    buyerGroup: 'Marketing',
    department: 'Marketing',
  },
  {
    po: 'ENG-202610-0007',
    description: 'one order (US)',
    orders: { US: 1 },
    statuses: { US: ['CLOSED'] },
    maxDaysAgo: 45,
    buyerGroup: 'Engineering',
    department: 'Engineering',
  },
  {
    po: 'PRJ-ATLAS-0001',
    description: 'a project PO across North America: USD, CAD and MXN orders, one US order cancelled',
    orders: { US: 5, CA: 2, MX: 1 },
    statuses: {
      US: ['CLOSED', 'PAYMENT_CONFIRMED', 'CANCELLED', 'PENDING', 'CLOSED'],
      CA: ['CLOSED', 'PENDING_FULFILLMENT'],
      MX: ['CLOSED'],
    },
    maxDaysAgo: 200,
    buyerGroup: 'Project Atlas',
    department: 'Engineering',
  },
  {
    po: 'BPO-2026-MKT',
    description: 'the blanket PO of the sample policy (budget 5000 USD): 40 small orders (US), some cancelled',
    orders: { US: 40 },
    maxDaysAgo: 300,
    maxSubtotalUsd: 180,
    buyerGroup: 'Marketing',
    department: 'Marketing',
  },
  {
    po: 'PO-BIG-0001',
    description: '300 orders (US): 30 pages of 10, every status',
    orders: { US: 300 },
    statuses: { US: SIM_STATUSES },
    maxDaysAgo: 700,
    buyerGroup: 'Operations',
    department: 'Operations',
  },
  {
    po: 'FIN-202609-0100',
    description: 'Europe: UK (GBP), DE, FR, IT, ES (EUR) and IN (INR) orders',
    orders: { UK: 3, DE: 2, FR: 1, IT: 1, ES: 1, IN: 1 },
    statuses: { UK: ['CLOSED', 'CLOSED', 'PAYMENT_CONFIRMED'], DE: ['CLOSED', 'CANCELLED'] },
    maxDaysAgo: 90,
    buyerGroup: 'Finance',
    department: 'Finance',
  },
  {
    po: 'OPS-202608-0003',
    description: 'Japan endpoint: JP (JPY) and AU (AUD) orders',
    orders: { JP: 3, AU: 2 },
    statuses: { JP: ['CLOSED', 'CLOSED', 'PENDING'], AU: ['CLOSED', 'PENDING_APPROVAL'] },
    maxDaysAgo: 120,
    buyerGroup: 'Operations',
    department: 'Operations',
  },
  {
    po: 'R&D/2026 #7+Q3',
    description: 'a PO with characters that must be percent-encoded in the path (& / space # +)',
    orders: { US: 2 },
    statuses: { US: ['CLOSED', 'CLOSED'] },
    maxDaysAgo: 60,
    buyerGroup: 'Research',
    department: 'R&D',
  },
];

/** An order as it goes over the wire (what Amazon's JSON looks like, variants included). */
export interface WireOrder {
  orderMetadata: { orderDate: string | { date: string }; orderId?: string; region: string };
  purchaseOrderNumber: string;
  orderStatus: string;
  charges: { type: string; amount: { currencyCode: string; amount: number } }[];
  buyingCustomer?: { name: string; email?: string } | null;
  buyerGroup?: { name: string } | null;
  businessOrderInfo?: Record<string, string> | null;
  approverDetails?: { lastOrderApproverCustomer?: { name: string; email?: string } | null } | null;
}

/** One generated order with what the tests need to check it, alongside its wire form. */
export interface SimOrder {
  wire: WireOrder;
  orderId: string;
  region: SimRegion;
  status: SimStatus;
  currency: string;
  /** NET_TOTAL in minor units (cents, or yen). */
  netTotalMinor: number;
  orderDate: string;
}

export interface SimDataset {
  seed: number;
  now: number;
  /** Orders per PO, newest first (the order pages are served in). */
  byPo: Map<string, SimOrder[]>;
}

export const DEFAULT_SEED = 20261124;

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so each PO has its own stream and adding a PO does not change the others. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const FIRST_NAMES = ['Ava', 'Ben', 'Chloé', 'Dev', 'Emi', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam'];
const LAST_NAMES = [
  'Adams',
  'Brown',
  'Castillo',
  'Dubois',
  'Eriksen',
  "O'Neil",
  'Fischer',
  'Gupta',
  'Hayashi',
  'Ivanova',
];
const APPROVERS = [
  { name: 'Morgan Lee', email: 'morgan.lee@example.com' },
  { name: 'Sam Patel', email: 'sam.patel@example.com' },
  { name: 'Jordan Smith, CFO', email: 'jordan.smith@example.com' },
];
const LOCATIONS: Record<SimRegion, string> = {
  US: 'Seattle',
  CA: 'Toronto',
  MX: 'Ciudad de México',
  UK: 'London',
  DE: 'München',
  FR: 'Paris',
  IT: 'Milano',
  ES: 'Madrid',
  IN: 'Bengaluru',
  JP: '東京',
  AU: 'Sydney',
};
const WEIGHTED_STATUSES: readonly [SimStatus, number][] = [
  ['CLOSED', 0.6],
  ['PAYMENT_CONFIRMED', 0.1],
  ['PENDING_FULFILLMENT', 0.1],
  ['PENDING', 0.05],
  ['PENDING_APPROVAL', 0.05],
  ['CANCELLED', 0.1],
];

const DAY_MS = 86_400_000;

export function buildDataset(options: { seed?: number; now?: number } = {}): SimDataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now();
  const byPo = new Map<string, SimOrder[]>();
  const usedIds = new Set<string>();
  for (const spec of SIM_PO_SPECS) {
    const random = mulberry32(seed ^ hashString(spec.po));
    const orders: SimOrder[] = [];
    for (const [region, count] of Object.entries(spec.orders) as [SimRegion, number][]) {
      for (let i = 0; i < count; i++) {
        const status = spec.statuses?.[region]?.[i] ?? pickStatus(random);
        orders.push(buildOrder(spec, region, status, random, now, usedIds));
      }
    }
    orders.sort((a, b) => b.orderDate.localeCompare(a.orderDate) || a.orderId.localeCompare(b.orderId));
    byPo.set(spec.po, orders);
  }
  return { seed, now, byPo };
}

function pickStatus(random: () => number): SimStatus {
  let roll = random();
  for (const [status, weight] of WEIGHTED_STATUSES) {
    if (roll < weight) return status;
    roll -= weight;
  }
  return 'CLOSED';
}

export function buildOrder(
  spec: SimPoSpec,
  region: SimRegion,
  status: SimStatus,
  random: () => number,
  now: number,
  usedIds: Set<string>,
): SimOrder {
  const facts = REGION_FACTS[region];
  const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  let orderId: string;
  do orderId = `${facts.orderIdPrefix}-${digits(7)}-${digits(7)}`;
  while (usedIds.has(orderId));
  usedIds.add(orderId);

  // Whole seconds, as Amazon sends them.
  const daysAgo = 1 + random() * (spec.maxDaysAgo - 1);
  const orderDate = new Date(Math.floor((now - daysAgo * DAY_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

  const money = (usd: number) => Math.round(usd * facts.perUsd * facts.minor);
  const subtotal = money(5 + random() * ((spec.maxSubtotalUsd ?? 1500) - 5));
  const shipping = random() < 0.4 ? 0 : money(3 + random() * 40);
  const promotion = random() < 0.3 ? -Math.round(subtotal * (0.02 + random() * 0.13)) : 0;
  const tax = Math.round((subtotal + shipping + promotion) * facts.taxRate);
  const netTotal = subtotal + shipping + promotion + tax;
  const amount = (minor: number) => ({ currencyCode: facts.currency, amount: minor / facts.minor });

  const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!;
  const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
  const email =
    `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '') + '@example.com';

  const wire: WireOrder = {
    orderMetadata: { orderDate: random() < 0.3 ? { date: orderDate } : orderDate, orderId, region },
    purchaseOrderNumber: spec.po,
    orderStatus: status,
    charges: [
      { type: 'SUBTOTAL', amount: amount(subtotal) },
      { type: 'SHIPPING_AND_HANDLING', amount: amount(shipping) },
      { type: 'PROMOTION', amount: amount(promotion) },
      { type: 'TAX', amount: amount(tax) },
      { type: 'NET_TOTAL', amount: amount(netTotal) },
    ],
    buyingCustomer: { name: `${first} ${last}`, email },
  };
  // Optional objects: present, null (as in the tutorial) or absent, drawn per order.
  const variant = () => random();
  const groupRoll = variant();
  if (groupRoll < 0.85) wire.buyerGroup = { name: spec.buyerGroup };
  else if (groupRoll < 0.95) wire.buyerGroup = null;
  const infoRoll = variant();
  if (infoRoll < 0.7) {
    wire.businessOrderInfo = {
      glCode: String(6000 + Math.floor(random() * 900)),
      costCenter: `CC-${spec.department
        .replace(/[^A-Z]/gi, '')
        .slice(0, 3)
        .toUpperCase()}-${100 + Math.floor(random() * 5)}`,
      projectCode: spec.po.startsWith('PRJ-') ? 'ATLAS' : `P${Math.floor(random() * 90) + 10}`,
      department: spec.department,
      location: LOCATIONS[region],
    };
  } else if (infoRoll < 0.9) {
    wire.businessOrderInfo = null;
  }
  const approverRoll = variant();
  if (approverRoll < 0.6) {
    wire.approverDetails = { lastOrderApproverCustomer: APPROVERS[Math.floor(random() * APPROVERS.length)]! };
  } else if (approverRoll < 0.85) {
    wire.approverDetails = null;
  }
  return { wire, orderId, region, status, currency: facts.currency, netTotalMinor: netTotal, orderDate };
}

/** What a test may expect of one PO in one marketplace. */
export interface SimRegionExpectation {
  count: number;
  cancelled: number;
  currency: string;
  /** Sum of NET_TOTAL of the orders that are not cancelled, in major units (exact to the minor unit). */
  netTotal: number;
  /** The same for the cancelled orders. */
  cancelledNetTotal: number;
  byStatus: Partial<Record<SimStatus, number>>;
}

export interface SimPoInfo {
  po: string;
  description: string;
  count: number;
  byRegion: Partial<Record<SimRegion, SimRegionExpectation>>;
}

export function describeDataset(dataset: SimDataset): SimPoInfo[] {
  return SIM_PO_SPECS.map((spec) => {
    const orders = dataset.byPo.get(spec.po) ?? [];
    const byRegion: Partial<Record<SimRegion, SimRegionExpectation>> = {};
    for (const region of Object.keys(spec.orders) as SimRegion[]) {
      byRegion[region] = {
        count: 0,
        cancelled: 0,
        currency: REGION_FACTS[region].currency,
        netTotal: 0,
        cancelledNetTotal: 0,
        byStatus: {},
      };
    }
    const minorSums = new Map<SimRegion, { open: number; cancelled: number }>();
    for (const order of orders) {
      const entry = byRegion[order.region]!;
      entry.count += 1;
      entry.byStatus[order.status] = (entry.byStatus[order.status] ?? 0) + 1;
      const sums = minorSums.get(order.region) ?? { open: 0, cancelled: 0 };
      if (order.status === 'CANCELLED') {
        entry.cancelled += 1;
        sums.cancelled += order.netTotalMinor;
      } else {
        sums.open += order.netTotalMinor;
      }
      minorSums.set(order.region, sums);
    }
    for (const [region, sums] of minorSums) {
      const entry = byRegion[region]!;
      entry.netTotal = sums.open / REGION_FACTS[region].minor;
      entry.cancelledNetTotal = sums.cancelled / REGION_FACTS[region].minor;
    }
    return { po: spec.po, description: spec.description, count: orders.length, byRegion };
  });
}

/**
 * The sample POs and what a lookup of each should find, with the default seed (totals do not depend on
 * "now"). Any PO not listed here has no orders.
 */
export const SIM_POS: readonly SimPoInfo[] = describeDataset(buildDataset({ now: 0 }));

export function simPo(po: string): SimPoInfo {
  const info = SIM_POS.find((entry) => entry.po === po);
  if (!info) throw new Error(`not a sample PO: ${po}`);
  return info;
}
