import { forwardRef, useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react'

import { searchColleagues } from '../../api/auth.js'
import { mentionQuery } from './thread.js'

export const MENTION_DEBOUNCE_MS = 200

// A textarea that, when `mentions` is on, offers colleagues for "@" plus 2+ characters
// (auth_service's directory, agents only) and inserts "@<email> " for the one chosen.
const MentionTextarea = forwardRef(function MentionTextarea({ value, onChange, mentions, onKeyDown, ...rest }, ref) {
  const listId = useId()
  const textarea = useRef(null)
  useImperativeHandle(ref, () => textarea.current)
  const [query, setQuery] = useState(null)
  const [options, setOptions] = useState([])
  const [active, setActive] = useState(0)
  const caretAfter = useRef(null)
  const open = query !== null && options.length > 0

  useEffect(() => {
    if (!mentions || query === null) {
      setOptions([])
      return undefined
    }
    let current = true
    const timer = setTimeout(() => {
      searchColleagues(query).then(
        (data) => {
          if (!current) return
          setOptions(data?.results || [])
          setActive(0)
        },
        () => current && setOptions([]),
      )
    }, MENTION_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [query, mentions])

  // put the caret after an inserted handle once React has rendered the new value
  useLayoutEffect(() => {
    if (caretAfter.current !== null && textarea.current) {
      textarea.current.setSelectionRange(caretAfter.current, caretAfter.current)
      caretAfter.current = null
    }
  })

  const track = (text, caret) => setQuery(mentions ? mentionQuery(text.slice(0, caret)) : null)

  const change = (event) => {
    onChange(event.target.value)
    track(event.target.value, event.target.selectionStart ?? event.target.value.length)
  }

  const choose = (person) => {
    const caret = textarea.current?.selectionStart ?? value.length
    const before = value.slice(0, caret)
    const start = before.lastIndexOf('@')
    if (start < 0) return
    const handle = `@${person.email} `
    caretAfter.current = start + handle.length
    onChange(value.slice(0, start) + handle + value.slice(caret))
    setQuery(null)
    setOptions([])
  }

  const keyDown = (event) => {
    if (open) {
      if (event.key === 'ArrowDown') {
        event.preventDefault()
        setActive((index) => (index + 1) % options.length)
        return
      }
      if (event.key === 'ArrowUp') {
        event.preventDefault()
        setActive((index) => (index - 1 + options.length) % options.length)
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        choose(options[active])
        return
      }
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        setQuery(null)
        setOptions([])
        return
      }
    }
    onKeyDown?.(event)
  }

  const optionId = (index) => `${listId}-option-${index}`
  return (
    <div className="mention-box">
      <textarea
        ref={textarea}
        value={value}
        onChange={change}
        onKeyDown={keyDown}
        onClick={(event) => track(event.target.value, event.target.selectionStart)}
        onBlur={() => setQuery(null)}
        aria-autocomplete={mentions ? 'list' : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        {...rest}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Colleagues to mention" className="mention-list">
          {options.map((person, index) => (
            <li
              key={person.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(person)}
              onMouseEnter={() => setActive(index)}
            >
              <span className="mention-name">{person.name || person.email}</span>{' '}
              <span className="muted">{person.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
})

export default MentionTextarea
