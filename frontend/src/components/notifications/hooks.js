// Data hooks for notifications, on useFetch.
import { getPreferences, listNotifications } from '../../api/notifications.js'
import { useFetch } from '../../hooks/useFetch.js'

export function useNotifications(params) {
  const key = JSON.stringify(params)
  return useFetch(() => listNotifications(params), [key])
}

export function usePreferences() {
  return useFetch(getPreferences, [])
}
