import { Button, Drawer, Heading, Input, Label, Select, Switch, Text, toast, usePrompt } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { ReactNode, useState } from "react"
import { useTranslation } from "react-i18next"
import { api, Printer, usePluginMutation } from "../lib/api"
import { ApiError } from "../lib/client"
import { Field } from "./common"

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-y-3 border-b pb-6 last:border-0">
      <div>
        <Heading level="h3">{title}</Heading>
        {hint && (
          <Text size="small" className="text-ui-fg-subtle">
            {hint}
          </Text>
        )}
      </div>
      {children}
    </section>
  )
}

/**
 * The device settings the Yilianyun platform offers for one printer. The cloud does not report
 * most of them back, so each is a form that applies a value rather than a view of the current one.
 */
export function DeviceDrawer({ printer, onOpenChange }: { printer: Printer | null; onOpenChange: (o: boolean) => void }) {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const id = printer?.id ?? ""
  const [output, setOutput] = useState<"buzzer" | "horn">("buzzer")
  const [volume, setVolume] = useState("2")
  const [aid, setAid] = useState("0")
  const [voiceText, setVoiceText] = useState("")
  const [voiceVolume, setVoiceVolume] = useState("5")
  const [logo, setLogo] = useState("")
  const [menus, setMenus] = useState<{ name: string; url: string }[]>([{ name: "", url: "" }])
  const [btnprint, setBtnprint] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})

  const info = useQuery({
    queryKey: ["yilianyun", "device-info", id],
    enabled: Boolean(printer),
    retry: false,
    queryFn: async () => {
      const [version, width] = await Promise.all([
        api.device<{ hardware: string; software: string }>(id, "version", undefined, "GET"),
        api.device<{ print_width: number | null; matches: boolean | null; configured_width: number }>(id, "print-info", undefined, "GET"),
      ])
      return { version, width }
    },
  })

  const action = usePluginMutation(
    (v: { key: string; path: string; body?: unknown; method?: "POST" | "DELETE"; done: string }) => api.device(id, v.path, v.body, v.method ?? "POST")
  )
  const run = (key: string, path: string, done: string, body?: unknown, method?: "POST" | "DELETE") => {
    setErrors((e) => ({ ...e, [key]: "" }))
    action.mutate(
      { key, path, body, method, done },
      {
        onSuccess: () => toast.success(done),
        onError: (e) => {
          setErrors((x) => ({ ...x, [key]: e.message }))
          if (!(e instanceof ApiError && e.status === 400)) toast.error(e.message)
        },
      }
    )
  }
  const busy = (key: string) => action.isPending && action.variables?.key === key

  const confirmThen = async (title: string, description: string, go: () => void) => {
    if (await prompt({ title, description, confirmText: t("yilianyun.common.continue"), cancelText: t("yilianyun.common.cancel"), variant: "danger" })) go()
  }

  return (
    <Drawer open={Boolean(printer)} onOpenChange={onOpenChange}>
      <Drawer.Content className="max-w-[560px]" data-testid="yly-device-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("yilianyun.device.title", { name: printer?.name })}</Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle text-sm">{t("yilianyun.device.subtitle", { code: printer?.machine_code })}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <Section title={t("yilianyun.device.info")}>
            {info.isLoading && <Text size="small">{t("yilianyun.common.loading")}</Text>}
            {info.isError && (
              <Text size="small" className="text-ui-fg-error">
                {(info.error as Error).message}
              </Text>
            )}
            {info.data && (
              <div className="grid grid-cols-2 gap-2 text-sm">
                <Text size="small" className="text-ui-fg-subtle">
                  {t("yilianyun.device.firmware")}
                </Text>
                <Text size="small" data-testid="yly-firmware">
                  {info.data.version.hardware} · {info.data.version.software}
                </Text>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("yilianyun.device.printWidth")}
                </Text>
                <Text size="small">
                  {info.data.width.print_width ? `${info.data.width.print_width} mm` : "—"}
                  {info.data.width.matches === false && ` · ${t("yilianyun.device.widthMismatch", { configured: info.data.width.configured_width })}`}
                </Text>
              </div>
            )}
          </Section>

          <Section title={t("yilianyun.device.sound")} hint={t("yilianyun.device.soundHint")}>
            <div className="flex items-end gap-x-2">
              <Field id="sound-output" label={t("yilianyun.device.output")}>
                <Select value={output} onValueChange={(v) => setOutput(v as "buzzer" | "horn")}>
                  <Select.Trigger id="sound-output" className="min-w-[140px]">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="buzzer">{t("yilianyun.device.buzzer")}</Select.Item>
                    <Select.Item value="horn">{t("yilianyun.device.horn")}</Select.Item>
                  </Select.Content>
                </Select>
              </Field>
              <Field id="sound-volume" label={t("yilianyun.device.volume")}>
                <Select value={volume} onValueChange={setVolume}>
                  <Select.Trigger id="sound-volume" className="min-w-[100px]">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    {["0", "1", "2", "3"].map((v) => (
                      <Select.Item key={v} value={v}>
                        {v === "0" ? t("yilianyun.device.mute") : v}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </Field>
              <Button size="small" variant="secondary" isLoading={busy("sound")} onClick={() => run("sound", "sound", t("yilianyun.device.applied"), { output, volume: Number(volume) })}>
                {t("yilianyun.common.apply")}
              </Button>
            </div>
            {errors.sound && <ErrorText>{errors.sound}</ErrorText>}
          </Section>

          <Section title={t("yilianyun.device.voices")} hint={t("yilianyun.device.voicesHint")}>
            <div className="grid grid-cols-[80px_1fr_80px] items-end gap-2">
              <Field id="voice-aid" label={t("yilianyun.device.slot")}>
                <Select value={aid} onValueChange={setAid}>
                  <Select.Trigger id="voice-aid" className="min-w-[72px]">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    {Array.from({ length: 10 }, (_, i) => String(i)).map((v) => (
                      <Select.Item key={v} value={v}>
                        {v}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </Field>
              <Field id="voice-text" label={t("yilianyun.device.voiceText")}>
                <Input id="voice-text" value={voiceText} placeholder={t("yilianyun.device.voicePlaceholder")} onChange={(e) => setVoiceText(e.target.value)} />
              </Field>
              <Field id="voice-volume" label={t("yilianyun.device.volume")}>
                <Input id="voice-volume" type="number" min={1} max={9} value={voiceVolume} onChange={(e) => setVoiceVolume(e.target.value)} />
              </Field>
            </div>
            <div className="flex gap-x-2">
              <Button
                size="small"
                variant="secondary"
                isLoading={busy("voice")}
                onClick={() => run("voice", "voice", t("yilianyun.device.voiceSaved", { aid }), { aid: Number(aid), text: voiceText, volume: Number(voiceVolume) })}
              >
                {t("yilianyun.device.saveVoice")}
              </Button>
              <Button size="small" variant="transparent" isLoading={busy("voice-del")} onClick={() => run("voice-del", `voice/${aid}`, t("yilianyun.device.voiceDeleted", { aid }), undefined, "DELETE")}>
                {t("yilianyun.device.deleteVoice")}
              </Button>
            </div>
            {(errors.voice || errors["voice-del"]) && <ErrorText>{errors.voice || errors["voice-del"]}</ErrorText>}
          </Section>

          <Section title={t("yilianyun.device.logo")} hint={t("yilianyun.device.logoHint")}>
            <div className="flex items-end gap-x-2">
              <div className="flex-1">
                <Field id="logo-url" label={t("yilianyun.device.logoUrl")}>
                  <Input id="logo-url" value={logo} placeholder="https://…/logo.png" onChange={(e) => setLogo(e.target.value)} />
                </Field>
              </div>
              <Button size="small" variant="secondary" isLoading={busy("logo")} onClick={() => run("logo", "logo", t("yilianyun.device.applied"), { url: logo })}>
                {t("yilianyun.common.apply")}
              </Button>
              <Button size="small" variant="transparent" isLoading={busy("logo-del")} onClick={() => run("logo-del", "logo", t("yilianyun.device.logoRemoved"), undefined, "DELETE")}>
                {t("yilianyun.common.remove")}
              </Button>
            </div>
            {(errors.logo || errors["logo-del"]) && <ErrorText>{errors.logo || errors["logo-del"]}</ErrorText>}
          </Section>

          <Section title={t("yilianyun.device.menu")} hint={t("yilianyun.device.menuHint")}>
            {menus.map((m, i) => (
              <div key={i} className="grid grid-cols-[1fr_2fr] gap-2">
                <Input aria-label={t("yilianyun.device.menuName")} placeholder={t("yilianyun.device.menuName")} value={m.name} onChange={(e) => setMenus(menus.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                <Input aria-label={t("yilianyun.device.menuUrl")} placeholder="https://…" value={m.url} onChange={(e) => setMenus(menus.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))} />
              </div>
            ))}
            <div className="flex gap-x-2">
              <Button size="small" variant="transparent" disabled={menus.length >= 9} onClick={() => setMenus([...menus, { name: "", url: "" }])}>
                {t("yilianyun.device.addMenu")}
              </Button>
              <Button
                size="small"
                variant="secondary"
                isLoading={busy("menu")}
                onClick={() => run("menu", "menu", t("yilianyun.device.applied"), { menus: menus.filter((m) => m.name || m.url) })}
              >
                {t("yilianyun.device.saveMenus")}
              </Button>
            </div>
            {errors.menu && <ErrorText>{errors.menu}</ErrorText>}
          </Section>

          <Section title={t("yilianyun.device.keyPrint")} hint={t("yilianyun.device.keyPrintHint")}>
            <div className="flex items-center gap-x-2">
              <Switch
                id="btnprint"
                checked={btnprint}
                onCheckedChange={(v) => {
                  setBtnprint(v)
                  run("btnprint", "btnprint", v ? t("yilianyun.device.keyPrintOn") : t("yilianyun.device.keyPrintOff"), { enabled: v })
                }}
              />
              <Label htmlFor="btnprint" size="small">
                {t("yilianyun.device.keyPrintLabel")}
              </Label>
            </div>
            {errors.btnprint && <ErrorText>{errors.btnprint}</ErrorText>}
          </Section>

          <Section title={t("yilianyun.device.queue")} hint={t("yilianyun.device.queueHint")}>
            <div>
              <Button
                size="small"
                variant="secondary"
                isLoading={busy("cancel")}
                onClick={() => confirmThen(t("yilianyun.device.cancelQueueTitle"), t("yilianyun.device.cancelQueueDescription"), () => run("cancel", "cancel-queue", t("yilianyun.device.queueCleared")))}
              >
                {t("yilianyun.device.cancelQueue")}
              </Button>
            </div>
            {errors.cancel && <ErrorText>{errors.cancel}</ErrorText>}
          </Section>

          <Section title={t("yilianyun.device.power")}>
            <div className="flex gap-x-2">
              <Button
                size="small"
                variant="secondary"
                isLoading={busy("restart")}
                onClick={() => confirmThen(t("yilianyun.device.restartTitle"), t("yilianyun.device.restartDescription"), () => run("restart", "restart", t("yilianyun.device.restarting")))}
              >
                {t("yilianyun.device.restart")}
              </Button>
              <Button
                size="small"
                variant="danger"
                isLoading={busy("shutdown")}
                onClick={() => confirmThen(t("yilianyun.device.shutdownTitle"), t("yilianyun.device.shutdownDescription"), () => run("shutdown", "shutdown", t("yilianyun.device.shuttingDown")))}
              >
                {t("yilianyun.device.shutdown")}
              </Button>
            </div>
            {(errors.restart || errors.shutdown) && <ErrorText>{errors.restart || errors.shutdown}</ErrorText>}
          </Section>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

function ErrorText({ children }: { children: ReactNode }) {
  return (
    <Text size="xsmall" className="text-ui-fg-error" role="alert">
      {children}
    </Text>
  )
}
