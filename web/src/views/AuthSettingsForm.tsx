// Manage > Admin > Authentication: the OpenID Connect settings. Fields set
// by environment variables are shown read-only; the client secret is
// write-only (left empty, it stays as it is).
import { Alert, Button, Divider, Group, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { AuthSettings, AuthSettingsPatch } from '../api/auth';

export interface AuthSettingsFormProps {
  settings: AuthSettings;
  editable: boolean;
  onSubmit(patch: AuthSettingsPatch): void;
  pending: boolean;
  errors: Partial<Record<string, string>>;
}

interface Values {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailClaim: string;
  usernameClaim: string;
  nameClaim: string;
  buttonLabel: string;
  requireEmailVerified: boolean;
  autoCreate: boolean;
  disableBuiltin: boolean;
}

const envNames: Record<string, string> = {
  issuer: 'ROSTER_OIDC_ISSUER', clientId: 'ROSTER_OIDC_CLIENT_ID', clientSecret: 'ROSTER_OIDC_CLIENT_SECRET', scopes: 'ROSTER_OIDC_SCOPES',
  emailClaim: 'ROSTER_OIDC_EMAIL_CLAIM', usernameClaim: 'ROSTER_OIDC_USERNAME_CLAIM', nameClaim: 'ROSTER_OIDC_NAME_CLAIM',
  buttonLabel: 'ROSTER_OIDC_BUTTON_LABEL', requireEmailVerified: 'ROSTER_OIDC_REQUIRE_EMAIL_VERIFIED',
  autoCreate: 'ROSTER_OIDC_AUTO_CREATE', disableBuiltin: 'ROSTER_OIDC_DISABLE_BUILTIN',
};

function valuesOf(s: AuthSettings): Values {
  return {
    issuer: s.issuer ?? '', clientId: s.clientId ?? '', clientSecret: '', scopes: s.scopes.join(' '),
    emailClaim: s.emailClaim, usernameClaim: s.usernameClaim, nameClaim: s.nameClaim, buttonLabel: s.buttonLabel,
    requireEmailVerified: s.requireEmailVerified, autoCreate: s.autoCreate, disableBuiltin: s.disableBuiltin,
  };
}

/** Only what changed, in the API's terms. */
function patchOf(before: Values, after: Values): AuthSettingsPatch {
  const patch: AuthSettingsPatch = {};
  if (after.issuer !== before.issuer) patch.issuer = after.issuer.trim() || null;
  if (after.clientId !== before.clientId) patch.clientId = after.clientId.trim() || null;
  if (after.clientSecret) patch.clientSecret = after.clientSecret;
  if (after.scopes !== before.scopes) patch.scopes = after.scopes.split(/[\s,]+/).filter(Boolean);
  for (const key of ['emailClaim', 'usernameClaim', 'nameClaim', 'buttonLabel'] as const) if (after[key] !== before[key]) patch[key] = after[key].trim();
  for (const key of ['requireEmailVerified', 'autoCreate', 'disableBuiltin'] as const) if (after[key] !== before[key]) patch[key] = after[key];
  return patch;
}

export function AuthSettingsForm({ settings, editable, onSubmit, pending, errors }: AuthSettingsFormProps) {
  const initial = valuesOf(settings);
  const [values, setValues] = useState<Values>(initial);
  useEffect(() => setValues(valuesOf(settings)), [settings]);
  const locked = (field: keyof Values) => !editable || settings.environmentFields.includes(field);
  const hint = (field: keyof Values, text?: string) => (settings.environmentFields.includes(field) ? `Set by ${envNames[field]}.` : text);
  const text = (field: keyof Values) => ({
    value: values[field] as string,
    onChange: (e: { currentTarget: { value: string } }) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, [field]: v })); },
    disabled: locked(field),
    error: errors[field],
  });
  const toggle = (field: 'requireEmailVerified' | 'autoCreate' | 'disableBuiltin') => ({
    checked: values[field],
    onChange: (e: { currentTarget: { checked: boolean } }) => { const v = e.currentTarget.checked; setValues((s) => ({ ...s, [field]: v })); },
    disabled: locked(field),
    error: errors[field],
  });
  const patch = patchOf(initial, values);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(patch);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {errors.form && <Alert color="red" role="alert">{errors.form}</Alert>}
        <div>
          <Text fw={600}>Identity provider</Text>
          <Text size="sm" c="dimmed">Register Roster with your provider using the redirect URL {window.location.origin}/oidc/callback.</Text>
        </div>
        <TextInput label="Issuer URL" placeholder="https://login.example.com" description={hint('issuer', 'Leave empty to turn OpenID Connect off.')} {...text('issuer')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Client ID" description={hint('clientId')} {...text('clientId')} />
          <PasswordInput
            label="Client secret"
            placeholder={settings.clientSecretSet ? 'Saved; type to replace' : 'Not set'}
            description={hint('clientSecret', 'Write-only: it is never shown again.')}
            autoComplete="new-password"
            {...text('clientSecret')}
          />
        </SimpleGrid>
        <TextInput label="Additional scopes" placeholder="groups offline_access" description={hint('scopes', 'Requested besides openid, email and profile.')} {...text('scopes')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Email claim" description={hint('emailClaim')} {...text('emailClaim')} />
          <TextInput label="Username claim" description={hint('usernameClaim')} {...text('usernameClaim')} />
          <TextInput label="Name claim" description={hint('nameClaim')} {...text('nameClaim')} />
        </SimpleGrid>
        <TextInput label="Button label" description={hint('buttonLabel', 'Shown on the sign-in page.')} {...text('buttonLabel')} />
        <Divider />
        <Switch label="Require a verified email" description={hint('requireEmailVerified', 'Refuse identities whose provider says the email is not verified.')} {...toggle('requireEmailVerified')} />
        <Switch label="Create users automatically" description={hint('autoCreate', 'Unknown people who sign in become members of the default organizations.')} {...toggle('autoCreate')} />
        <Switch label="Disable built-in sign-in" description={hint('disableBuiltin', 'Only the site admin and site managers may still use a password, through Admin login.')} {...toggle('disableBuiltin')} />
        {editable && (
          <Group>
            <Button type="submit" loading={pending} disabled={Object.keys(patch).length === 0}>Save settings</Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
