/** Azure's price list for Managed HSM (per HSM pool and hour, by region): the only source of a figure. */
export const PRICING_URL = 'https://azure.microsoft.com/pricing/details/key-vault/'
