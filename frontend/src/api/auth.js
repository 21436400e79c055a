// auth_service: sign-in, session, profile, second factor, colleagues.
import { api, refreshSession } from './http.js'

export const signIn = (email, password, otp) =>
  api.post('/api/v1/users/token/', { username: email, password, ...(otp ? { otp } : {}) })
export const refresh = () => refreshSession()
export const signOut = () => api.post('/api/v1/auth/logout/')
export const getProfile = () => api.get('/api/v1/users/profile/')
export const updateProfile = (fields) => api.patch('/api/v1/users/profile/', fields)
export const changePassword = (currentPassword, newPassword) =>
  api.post('/api/v1/users/password/change/', { current_password: currentPassword, new_password: newPassword })
export const getTotp = () => api.get('/api/v1/users/totp/')
export const startTotp = () => api.post('/api/v1/users/totp/')
export const confirmTotp = (code) => api.post('/api/v1/users/totp/confirm/', { code })
export const disableTotp = (code) => api.delete('/api/v1/users/totp/', { code })
export const searchColleagues = (search) => api.get('/api/v1/users/directory/', { search, page_size: 10 })
export const roleMembers = (roleId) => api.get(`/api/v1/tts/roles/${roleId}/users/`, { page_size: 100 })
export const roles = () => api.get('/api/v1/tts/roles/', { page_size: 100 })
