import { useCallback, useEffect, useReducer, useRef, useState } from 'react'

import { listAllComments } from '../../api/messaging.js'
import { useFetch } from '../../hooks/useFetch.js'
import { useSocket } from '../../live/useSocket.js'
import { initialThread, threadReducer } from './thread.js'

export const TYPING_SHOWN_MS = 4000
export const TYPING_SEND_EVERY_MS = 2000

// One ticket's comments kept live: the REST list, then the socket's events on top.
export function useCommentThread(number) {
  const [thread, dispatch] = useReducer(threadReducer, initialThread)
  const [viewers, setViewers] = useState([])
  const [selfId, setSelfId] = useState(null) // the socket's hello names us
  const [typing, setTyping] = useState({}) // user id → name
  const timers = useRef({})
  const lastTypingSent = useRef(0)

  const list = useFetch(() => listAllComments(number), [number])
  useEffect(() => {
    if (list.data) dispatch({ type: 'loaded', comments: list.data.results })
  }, [list.data])
  useEffect(() => {
    dispatch({ type: 'reset' })
    setViewers([])
    setTyping({})
  }, [number])

  const stopTyping = useCallback((id) => {
    clearTimeout(timers.current[id])
    delete timers.current[id]
    setTyping((current) => {
      if (!(id in current)) return current
      const next = { ...current }
      delete next[id]
      return next
    })
  }, [])

  const onEvent = (event) => {
    if (!event || (event.ticket && event.ticket !== number)) return
    switch (event.type) {
      case 'comment.created':
        dispatch({ type: 'upsert', comment: event.comment })
        if (event.comment?.author) stopTyping(String(event.comment.author.id))
        break
      case 'comment.edited':
        dispatch({ type: 'upsert', comment: event.comment })
        break
      case 'comment.deleted':
        dispatch({ type: 'remove', id: event.comment?.id })
        break
      case 'hello':
        setSelfId(event.user_id ?? null)
        break
      case 'presence':
        setViewers(event.viewers || [])
        break
      case 'typing': {
        const id = String(event.user?.id)
        clearTimeout(timers.current[id])
        timers.current[id] = setTimeout(() => stopTyping(id), TYPING_SHOWN_MS)
        setTyping((current) => ({ ...current, [id]: event.user?.name || 'Someone' }))
        break
      }
      default:
        break
    }
  }
  const socket = useSocket(`/ws/tickets/${encodeURIComponent(number)}/`, onEvent, { enabled: !!number })

  // events missed while disconnected: fetch the list again once the socket is back
  const wasDown = useRef(false)
  const { reload } = list
  useEffect(() => {
    if (socket.status === 'closed') wasDown.current = true
    if (socket.status === 'open' && wasDown.current) {
      wasDown.current = false
      reload()
    }
  }, [socket.status, reload])

  useEffect(() => () => Object.values(timers.current).forEach(clearTimeout), [])

  // {"type": "typing"} at most every 2 s while the user types
  const notifyTyping = (internal) => {
    const now = Date.now()
    if (now - lastTypingSent.current < TYPING_SEND_EVERY_MS) return
    lastTypingSent.current = now
    socket.send({ type: 'typing', internal: !!internal })
  }

  return {
    comments: thread.comments,
    truncated: !!list.data?.truncated,
    loading: list.loading && !list.data,
    error: list.error,
    reload: list.reload,
    upsert: (comment) => dispatch({ type: 'upsert', comment }),
    remove: (id) => dispatch({ type: 'remove', id }),
    viewers,
    selfId,
    typingNames: Object.values(typing),
    socketStatus: socket.status,
    notifyTyping,
  }
}
