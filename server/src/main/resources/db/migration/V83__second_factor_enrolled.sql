-- When the account first enrolled a second factor. Once set, the enrolment that needs only the
-- password (/mfa/enrol, the first passkey) is closed for good: removing every factor later must not
-- reopen it to whoever holds the password.
alter table app_user add column second_factor_enrolled_at timestamptz;

update app_user u set second_factor_enrolled_at = now()
 where exists (select 1 from totp_secret t where t.username = u.username)
    or exists (select 1 from user_entities e join user_credentials c on c.user_entity_user_id = e.id
                where e.name = u.username);
