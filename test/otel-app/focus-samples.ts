// FinOps FOCUS 1.x sample rows, written for the tests following the specification's columns:
// an Azure OpenAI token meter, Amazon Bedrock input/output meters, an OpenAI organisation export
// with SkuPriceDetails, a monthly commitment purchase, tax, an unrelated compute row, a second
// currency, and a correction of an earlier day.

export const FOCUS_COLUMNS = [
  "BillingAccountId",
  "BillingAccountName",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "BillingCurrency",
  "ServiceName",
  "ServiceCategory",
  "ProviderName",
  "SkuId",
  "SkuMeter",
  "SkuPriceDetails",
  "ConsumedQuantity",
  "ConsumedUnit",
  "PricingQuantity",
  "PricingUnit",
  "SubAccountId",
  "SubAccountName",
  "ResourceId",
  "Tags",
] as const;

export type FocusSample = Partial<Record<(typeof FOCUS_COLUMNS)[number], string>>;

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function focusCsv(rows: FocusSample[]): string {
  return [
    FOCUS_COLUMNS.join(","),
    ...rows.map((r) => FOCUS_COLUMNS.map((c) => csvCell(r[c] ?? "")).join(",")),
  ].join("\n");
}

const may = { BillingPeriodStart: "2026-05-01T00:00:00Z", BillingPeriodEnd: "2026-06-01T00:00:00Z" };
const day = (d: number) => ({
  ChargePeriodStart: `2026-05-${String(d).padStart(2, "0")}T00:00:00Z`,
  ChargePeriodEnd: `2026-05-${String(d + 1).padStart(2, "0")}T00:00:00Z`,
});

const azure = {
  ...may,
  BillingAccountId: "ba-azure-1",
  BillingAccountName: "Contoso EA",
  ChargeCategory: "Usage",
  BillingCurrency: "USD",
  ServiceName: "Azure OpenAI",
  ServiceCategory: "AI and Machine Learning",
  ProviderName: "Microsoft",
  SubAccountId: "sub-prod",
  SubAccountName: "Production",
};

export const MAY_ROWS: FocusSample[] = [
  // Azure OpenAI input tokens for the support bot, priced per 1K tokens, tagged app=support-bot.
  {
    ...azure,
    ...day(1),
    ChargeDescription: "gpt-4o-mini input tokens",
    BilledCost: "0.18",
    EffectiveCost: "0.18",
    ListCost: "0.18",
    SkuId: "DZH318Z0BQ4L",
    SkuMeter: "gpt-4o-mini-0718 Inp glbl Tokens",
    SkuPriceDetails: '{"x_ModelName":"gpt-4o-mini"}',
    ConsumedQuantity: "1200",
    ConsumedUnit: "1K Tokens",
    PricingQuantity: "1200",
    PricingUnit: "1K Tokens",
    ResourceId:
      "/subscriptions/sub-prod/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/support",
    Tags: '{"app":"support-bot","env":"prod"}',
  },
  {
    ...azure,
    ...day(1),
    ChargeDescription: "gpt-4o-mini output tokens",
    BilledCost: "0.12",
    EffectiveCost: "0.12",
    ListCost: "0.12",
    SkuId: "DZH318Z0BQ4M",
    SkuMeter: "gpt-4o-mini-0718 Outp glbl Tokens",
    SkuPriceDetails: '{"x_ModelName":"gpt-4o-mini"}',
    ConsumedQuantity: "200",
    ConsumedUnit: "1K Tokens",
    ResourceId:
      "/subscriptions/sub-prod/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/support",
    Tags: '{"app":"support-bot","env":"prod"}',
  },
  {
    ...azure,
    ...day(2),
    ChargeDescription: "gpt-4o-mini input tokens",
    BilledCost: "0.30",
    EffectiveCost: "0.27",
    ListCost: "0.30",
    SkuId: "DZH318Z0BQ4L",
    SkuMeter: "gpt-4o-mini-0718 Inp glbl Tokens",
    SkuPriceDetails: '{"x_ModelName":"gpt-4o-mini"}',
    ConsumedQuantity: "2000",
    ConsumedUnit: "1K Tokens",
    ResourceId:
      "/subscriptions/sub-prod/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/support",
    Tags: '{"app":"support-bot","env":"prod"}',
  },
  // Amazon Bedrock, tagged straight to the checkout system.
  {
    ...may,
    ...day(1),
    BillingAccountId: "111122223333",
    ChargeCategory: "Usage",
    ChargeDescription: "Claude Sonnet input tokens",
    BilledCost: "3.00",
    EffectiveCost: "3.00",
    ListCost: "3.00",
    BillingCurrency: "USD",
    ServiceName: "Amazon Bedrock",
    ServiceCategory: "AI and Machine Learning",
    ProviderName: "AWS",
    SkuId: "7T4K3QPZ",
    SkuMeter: "USE1-Claude-Sonnet-input-tokens",
    ConsumedQuantity: "1000000",
    ConsumedUnit: "Tokens",
    Tags: '{"parley-system":"checkout"}',
  },
  // A monthly commitment purchase for the checkout system, spread over May's 31 days.
  {
    ...may,
    ChargePeriodStart: "2026-05-01T00:00:00Z",
    ChargePeriodEnd: "2026-06-01T00:00:00Z",
    BillingAccountId: "111122223333",
    ChargeCategory: "Purchase",
    ChargeDescription: "Bedrock provisioned throughput, 1 month",
    BilledCost: "310.00",
    EffectiveCost: "310.00",
    BillingCurrency: "USD",
    ServiceName: "Amazon Bedrock",
    ServiceCategory: "AI and Machine Learning",
    SkuId: "PT-1M",
    SkuMeter: "Provisioned Throughput",
    ConsumedQuantity: "1",
    ConsumedUnit: "Month",
    Tags: '{"parley-system":"checkout"}',
  },
  // An OpenAI organisation export, mapped by model.
  {
    ...may,
    ...day(1),
    BillingAccountId: "org-abc",
    ChargeCategory: "Usage",
    ChargeDescription: "gpt-4.1 output",
    BilledCost: "8.00",
    EffectiveCost: "8.00",
    BillingCurrency: "USD",
    ServiceName: "OpenAI API",
    ServiceCategory: "AI and Machine Learning",
    SkuId: "gpt-4.1-output",
    SkuMeter: "gpt-4.1 output tokens",
    SkuPriceDetails: '{"ModelName":"gpt-4.1","TokenType":"output"}',
    ConsumedQuantity: "1000000",
    ConsumedUnit: "Tokens",
  },
  // Tax on the Azure bill, tagged like the usage it belongs to.
  {
    ...azure,
    ...day(1),
    ChargeCategory: "Tax",
    ChargeDescription: "VAT",
    BilledCost: "0.06",
    EffectiveCost: "0.06",
    SkuMeter: "",
    Tags: '{"app":"support-bot"}',
  },
  // Compute nobody maps: reported, not imported.
  {
    ...may,
    ...day(1),
    BillingAccountId: "111122223333",
    ChargeCategory: "Usage",
    BilledCost: "42.00",
    EffectiveCost: "40.00",
    BillingCurrency: "USD",
    ServiceName: "Amazon EC2",
    ServiceCategory: "Compute",
    SkuMeter: "BoxUsage:m7i.large",
    ConsumedQuantity: "24",
    ConsumedUnit: "Hours",
  },
  // The same support bot billed in euros by a European reseller: a separate signal.
  {
    ...azure,
    ...day(2),
    BillingAccountId: "ba-azure-eu",
    ChargeDescription: "gpt-4o-mini input tokens (EU)",
    BilledCost: "0.50",
    EffectiveCost: "0.50",
    BillingCurrency: "EUR",
    SkuMeter: "gpt-4o-mini-0718 Inp regnl Tokens",
    ConsumedQuantity: "3000",
    ConsumedUnit: "1K Tokens",
    Tags: '{"app":"support-bot"}',
  },
];

/** June's export: a correction of 1 May's Azure input tokens (overcharged by 0.05). */
export const JUNE_CORRECTION: FocusSample[] = [
  {
    ...azure,
    BillingPeriodStart: "2026-06-01T00:00:00Z",
    BillingPeriodEnd: "2026-07-01T00:00:00Z",
    ...day(1),
    ChargeClass: "Correction",
    ChargeDescription: "Refund: gpt-4o-mini input tokens overcharge",
    BilledCost: "-0.05",
    EffectiveCost: "-0.05",
    SkuId: "DZH318Z0BQ4L",
    SkuMeter: "gpt-4o-mini-0718 Inp glbl Tokens",
    ConsumedQuantity: "0",
    ConsumedUnit: "1K Tokens",
    Tags: '{"app":"support-bot","env":"prod"}',
  },
];
