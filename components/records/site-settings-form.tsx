"use client";
// Site settings: name, public URL, launched/staging and the safety switches.
import { memberEditableChoices } from "@/lib/schemas/member-editable";
import { ActionForm, CheckF, TextF, type FormAction } from "./form-kit";

export function SiteSettingsForm({
  action,
  values,
}: {
  action: FormAction;
  values: {
    siteName: string;
    siteUrl: string;
    launched: boolean;
    allowSyncsOnStaging: boolean;
    allowPrivateTargets: boolean;
    memberEditableFields: string[];
  };
}) {
  return (
    <ActionForm action={action} submitLabel="Save settings" ariaLabel="Site settings">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextF name="siteName" label="Site name" required defaultValue={values.siteName} />
        <TextF
          name="siteUrl"
          label="Site URL"
          type="url"
          defaultValue={values.siteUrl}
          hint="The public address members use; also the sign-on issuer. Empty = derived from the server's address."
        />
      </div>
      <CheckF
        name="launched"
        label="Site is launched"
        hint="Until launched the site is in staging: syncs and API feeds are held."
        defaultChecked={values.launched}
      />
      <CheckF
        name="allowSyncsOnStaging"
        label="Allow syncs on staging"
        hint="Run integration syncs even before launch (for testing with real vendor accounts)."
        defaultChecked={values.allowSyncsOnStaging}
      />
      <CheckF
        name="allowPrivateTargets"
        label="Allow private webhook targets"
        hint="Off by default: webhooks and feeds may not call addresses on private networks."
        defaultChecked={values.allowPrivateTargets}
      />
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Fields members may edit</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {memberEditableChoices.map(([key, label]) => (
            <label key={key} className="flex items-center gap-2 text-sm" htmlFor={`mef-${key}`}>
              <input
                id={`mef-${key}`}
                type="checkbox"
                name="memberEditableFields"
                value={key}
                defaultChecked={values.memberEditableFields.includes(key)}
                className="h-4 w-4"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
    </ActionForm>
  );
}
