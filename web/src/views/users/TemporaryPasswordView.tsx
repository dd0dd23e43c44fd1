// A temporary password, shown exactly once (SPEC §1.2).
import { SecretShownOnce } from '../common/SecretShownOnce';

export interface TemporaryPasswordViewProps {
  password: string;
  /** Who it is for, by name. */
  name: string;
  onDone(): void;
}

export function TemporaryPasswordView({ password, name, onDone }: TemporaryPasswordViewProps) {
  return (
    <SecretShownOnce
      heading="Temporary password"
      intro={`Give it to ${name} over a trusted channel. They sign in with it once and then choose their own password.`}
      label="Temporary password"
      secret={password}
      warning="This password will not be shown again."
      onDone={onDone}
    />
  );
}
