-- TOTP secrets are encrypted at rest (AES-256-GCM, key in a file outside the database; see
-- besa.access.TotpVault). key_version is the version of the key that sealed the secret; null marks
-- a secret stored in the clear before this migration. Besa encrypts those in place at start-up
-- rather than dropping them, so nobody has to enrol their authenticator app again.
alter table totp_secret add column key_version smallint check (key_version between 1 and 255);
