import { Alert, Button, Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"

/** A labelled form field with its hint and, when the server named it, its error. */
export function Field(props: { id: string; label: string; hint?: ReactNode; error?: string | null; children: ReactNode; optional?: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-y-1.5" data-field={props.id}>
      <Label htmlFor={props.id} size="small" weight="plus">
        {props.label}
        {props.optional && <span className="text-ui-fg-muted font-normal"> ({t("yilianyun.common.optional")})</span>}
      </Label>
      {props.children}
      {props.hint && !props.error && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {props.hint}
        </Text>
      )}
      {props.error && (
        <Text size="xsmall" className="text-ui-fg-error" role="alert" data-field-error={props.id}>
          {props.error}
        </Text>
      )}
    </div>
  )
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <div className="text-ui-fg-subtle flex items-center gap-x-2 px-6 py-4" role="status" aria-live="polite">
      <span className="border-ui-border-strong border-t-ui-fg-interactive inline-block h-4 w-4 animate-spin rounded-full border-2" />
      <Text size="small">{label ?? t("yilianyun.common.loading")}</Text>
    </div>
  )
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="px-6 py-4">
      <Alert variant="error">
        <div className="flex flex-col gap-y-2">
          <Text size="small">{error instanceof Error ? error.message : String(error)}</Text>
          {onRetry && (
            <div>
              <Button size="small" variant="secondary" onClick={onRetry}>
                {t("yilianyun.common.tryAgain")}
              </Button>
            </div>
          )}
        </div>
      </Alert>
    </div>
  )
}

export function EmptyState({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-y-2 px-6 py-10 text-center">
      <Text size="small" weight="plus">
        {title}
      </Text>
      {description && (
        <Text size="small" className="text-ui-fg-subtle max-w-[480px]">
          {description}
        </Text>
      )}
      {action}
    </div>
  )
}
