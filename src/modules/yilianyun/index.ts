import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import YilianyunModuleService from "./service"

export const YILIANYUN_MODULE = "yilianyun"

export default Module(YILIANYUN_MODULE, {
  service: YilianyunModuleService,
  loaders: [validateOptionsLoader],
})

export { YilianyunModuleService }
export * from "./options"
export * from "./triggers"
