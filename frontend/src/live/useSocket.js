import { useEffect, useRef, useState } from 'react'

import { refreshSession } from '../api/http.js'

// A websocket on this origin (the HttpOnly cookie authenticates it; never a token in the
// URL). Reconnects with backoff; before reconnecting after a refused handshake it refreshes
// the session once, since the usual reason is an expired access cookie. `onEvent` gets
// each JSON message; `send` returns false while disconnected.
export function useSocket(path, onEvent, { enabled = true, heartbeatSeconds = 25 } = {}) {
  const [status, setStatus] = useState('connecting')
  const socketRef = useRef(null)
  const handler = useRef(onEvent)
  handler.current = onEvent

  useEffect(() => {
    if (!enabled || !path) return undefined
    let stopped = false
    let attempt = 0
    let timer = null
    let heartbeat = null

    const open = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
      const socket = new WebSocket(`${scheme}://${window.location.host}${path}`)
      socketRef.current = socket
      setStatus('connecting')
      socket.onopen = () => {
        attempt = 0
        setStatus('open')
        heartbeat = setInterval(() => socket.readyState === 1 && socket.send(JSON.stringify({ type: 'ping' })), heartbeatSeconds * 1000)
      }
      socket.onmessage = (message) => {
        try {
          handler.current(JSON.parse(message.data))
        } catch {
          /* a malformed frame is ignored */
        }
      }
      socket.onclose = async (event) => {
        clearInterval(heartbeat)
        if (stopped) return
        setStatus(event.code === 4404 ? 'refused' : 'closed')
        if (event.code === 4404) return
        attempt += 1
        if (attempt === 1 || event.code === 4401 || event.code === 1006) {
          try {
            await refreshSession()
          } catch {
            /* signed out: the next attempt fails too, with backoff */
          }
        }
        timer = setTimeout(open, Math.min(30000, 500 * 2 ** attempt))
      }
    }
    open()
    return () => {
      stopped = true
      clearTimeout(timer)
      clearInterval(heartbeat)
      socketRef.current?.close()
    }
  }, [path, enabled, heartbeatSeconds])

  const send = (message) => {
    const socket = socketRef.current
    if (!socket || socket.readyState !== 1) return false
    socket.send(JSON.stringify(message))
    return true
  }
  return { status, send }
}
