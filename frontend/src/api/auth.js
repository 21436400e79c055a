// auth_service: sign-in, session, profile, second factor, colleagues; for admins users, roles and grants.
import { api, refreshSession } from './http.js'

export const signIn = (email, password, otp) =>
  api.post('/api/v1/users/token/', { username: email, password, ...(otp ? { otp } : {}) })
export const refresh = () => refreshSession()
export const signOut = () => api.post('/api/v1/auth/logout/')
export const getProfile = () => api.get('/api/v1/users/profile/')
export const updateProfile = (fields) => api.patch('/api/v1/users/profile/', fields)
export const changePassword = (currentPassword, newPassword) =>
  api.post('/api/v1/users/password/change/', { current_password: currentPassword, new_password: newPassword })
// Both answer the same whether or not the email has an account; the e-mailed link opens
// /reset-password?token=… (also the invitation link), valid once, for an hour.
export const requestPasswordReset = (email) => api.post('/api/v1/users/password/reset/', { email })
export const confirmPasswordReset = (token, newPassword) =>
  api.post('/api/v1/users/password/reset/confirm/', { token, new_password: newPassword })
export const getTotp = () => api.get('/api/v1/users/totp/')
export const startTotp = () => api.post('/api/v1/users/totp/')
export const confirmTotp = (code) => api.post('/api/v1/users/totp/confirm/', { code })
export const disableTotp = (code) => api.delete('/api/v1/users/totp/', { code })
export const searchColleagues = (search) => api.get('/api/v1/users/directory/', { search, page_size: 10 })
export const roleMembers = (roleId) => api.get(`/api/v1/tts/roles/${roleId}/users/`, { page_size: 100 })
export const roles = () => api.get('/api/v1/tts/roles/', { page_size: 100 })

// ---- admin: users (any system's admin), roles and grants per system (that system's admin)
export const listUsers = (params = {}) => api.get('/api/v1/users/', params) // search, is_active, page
export const getUser = (id) => api.get(`/api/v1/users/${id}/`)
// {email, first_name, last_name, ...}: the invitee sets a password through the reset e-mail
export const inviteUser = (fields) => api.post('/api/v1/users/', fields)
export const updateUser = (id, fields) => api.patch(`/api/v1/users/${id}/`, fields)
export const setUserActive = (id, active) => api.post(`/api/v1/users/${id}/${active ? 'activate' : 'deactivate'}/`)
export const listSystems = () => api.get('/api/v1/systems/', { page_size: 100 })
export const listRoles = (system = 'tts', params = {}) => api.get(`/api/v1/${system}/roles/`, { page_size: 100, ...params })
export const createRole = (system, fields) => api.post(`/api/v1/${system}/roles/`, fields)
export const updateRole = (system, id, fields) => api.patch(`/api/v1/${system}/roles/${id}/`, fields)
export const deleteRole = (system, id) => api.delete(`/api/v1/${system}/roles/${id}/`)
export const listRoleMembers = (system, id, params = {}) =>
  api.get(`/api/v1/${system}/roles/${id}/users/`, { page_size: 100, ...params })
// filters user_id, role_id, is_active
export const listGrants = (system, params = {}) => api.get(`/api/v1/${system}/grants/`, { page_size: 100, ...params })
export const grantRole = (system, { userId, roleId }) =>
  api.post(`/api/v1/${system}/grants/`, { user_id: Number(userId), role_id: Number(roleId) })
export const revokeGrant = (system, grantId) => api.delete(`/api/v1/${system}/grants/${grantId}/`)
