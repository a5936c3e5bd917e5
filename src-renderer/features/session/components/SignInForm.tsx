import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignIn } from '../api';
import { signInErrorsFrom, validateSignIn, type SignInErrors } from '../sign-in-errors';

export interface SignInFormProps {
  /** Filled in beforehand (a demo account picked on the sign-in screen). */
  initial?: { email: string; password: string };
}

/** Email and password; every refusal is shown in French next to what it concerns, and what was typed stays. */
export function SignInForm({ initial }: SignInFormProps) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState(initial?.email ?? '');
  const [password, setPassword] = useState(initial?.password ?? '');
  const [errors, setErrors] = useState<SignInErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = { email, password };
    const invalid = validateSignIn(values, t);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    signIn.mutate(values, { onError: (error) => setErrors(signInErrorsFrom(error, t)) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {errors.form !== undefined && (
          <Alert color="red" variant="light" title={t('session.signInFailedTitle')}>
            {errors.form}
          </Alert>
        )}
        <TextInput
          type="email"
          label={t('session.email')}
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
          withAsterisk
          data-autofocus
        />
        <PasswordInput
          label={t('session.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          withAsterisk
          visibilityToggleButtonProps={{ 'aria-label': t('session.showPassword') }}
        />
        <Button type="submit" loading={signIn.isPending}>
          {t('session.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
