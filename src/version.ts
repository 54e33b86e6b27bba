/** The Parley release, shown in /api/health, the OpenAPI document and `parley --version`. */
export const PARLEY_VERSION = "0.1.0";
