// The Open API's base URLs (v2), written once: the client's default, the plugin option's default
// and the error sentences that suggest them all read them from here.

/** Mainland China (v2): the default. */
export const YILIANYUN_API_URL = "https://open-api.10ss.net/v2"
/** Overseas (v2); same paths, no DNS change needed. */
export const YILIANYUN_API_URL_OVERSEAS = "https://open-api-os.10ss.net/v2"
/** Mainland alternative host the docs offer for DNS trouble (v2). */
export const YILIANYUN_API_URL_ALTERNATIVE = "https://cloud-open-api.10ss.net/v2"
