// The bell (in the layout) and the notifications page keep each other current through
// window events: one websocket only (the bell's), and no shared store.
import { useEffect, useRef } from 'react'

const CHANGED = 'tts:notifications-changed'

// kind: 'live' (a pushed notification; detail.notification) or 'changed' (read, deleted).
export function announce(kind, detail = {}) {
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: { kind, ...detail } }))
}

export function useNotificationEvents(onEvent) {
  const handler = useRef(onEvent)
  handler.current = onEvent
  useEffect(() => {
    const listen = (event) => handler.current(event.detail || {})
    window.addEventListener(CHANGED, listen)
    return () => window.removeEventListener(CHANGED, listen)
  }, [])
}
