import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { ConnectionSection } from "../../../components/connection-section"
import { DesignsSection } from "../../../components/designs-section"
import { JobsSection } from "../../../components/jobs-section"
import { PrintersSection } from "../../../components/printers-section"

/** Settings → Yilianyun: the connection, the printers and the jobs that need the merchant. */
const YilianyunSettingsPage = () => {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-y-3" data-testid="yly-settings">
      <div className="px-1 pb-1">
        <Heading level="h1">{t("yilianyun.page.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("yilianyun.page.subtitle")}
        </Text>
      </div>
      <ConnectionSection />
      <PrintersSection />
      <DesignsSection />
      <JobsSection />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "yilianyun.menu",
  translationNs: "translation",
})

export default YilianyunSettingsPage
