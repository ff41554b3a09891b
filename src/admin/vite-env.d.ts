/// <reference types="vite/client" />

/** The backend URL the admin talks to; set by Medusa's admin bundler. */
declare const __BACKEND_URL__: string | undefined
