// The account fields an admin sets on invite and edit (auth_service ProfileUpdateSerializer).
export const PROFILE_FIELDS = [
  { key: 'first_name', label: 'First name', autoComplete: 'off', maxLength: 150 },
  { key: 'last_name', label: 'Last name', autoComplete: 'off', maxLength: 150 },
  { key: 'department', label: 'Department', autoComplete: 'off', maxLength: 100 },
  { key: 'phone', label: 'Phone', autoComplete: 'off', maxLength: 32, type: 'tel' },
]
export const PROFILE_KEYS = PROFILE_FIELDS.map((field) => field.key)

export const profileValues = (user) => Object.fromEntries(PROFILE_KEYS.map((key) => [key, user?.[key] || '']))
