import { Badge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { Job } from "../lib/api"
import { useDesigns } from "../lib/designs"

/**
 * What a job printed with: a template's name, or a receipt design's name and the version it
 * printed (a reprint prints the same version, even after the design changed or was archived).
 */
export function JobTemplate({ job }: { job: Pick<Job, "template" | "design_id" | "design_version"> }) {
  const { t } = useTranslation()
  const designs = useDesigns(true)
  if (!job.design_id) return <>{t(`yilianyun.templates.${job.template}`, { defaultValue: job.template })}</>
  const design = designs.data?.find((d) => d.id === job.design_id)
  return (
    <span data-testid="yly-job-design" data-design-id={job.design_id} data-design-version={job.design_version ?? ""}>
      {design?.name ?? job.design_id}
      <Badge size="2xsmall" className="ml-1">
        {t("yilianyun.designs.versionN", { version: job.design_version })}
      </Badge>
    </span>
  )
}
