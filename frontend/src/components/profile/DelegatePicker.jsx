// A combobox to pick a colleague (auth_service's directory: two letters at least).
import { useEffect, useId, useRef, useState } from 'react'

import { searchColleagues } from '../../api/auth.js'
import { describedBy } from './errors.js'

export const colleagueName = (person) => (person ? person.name || person.email || `Colleague #${person.id}` : '')

export default function DelegatePicker({ id, label = 'Delegate', value, onChange, excludeId, error, errorId }) {
  const listId = useId()
  const hintId = `${id}-hint`
  const [text, setText] = useState(colleagueName(value))
  const [options, setOptions] = useState([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [searching, setSearching] = useState(false)
  const [searchError, setSearchError] = useState('')
  const typed = useRef(false)

  // a value set from outside (loaded availability) shows in the box
  useEffect(() => {
    if (!typed.current) setText(colleagueName(value))
  }, [value])

  useEffect(() => {
    if (!typed.current) return undefined
    const term = text.trim()
    if (term.length < 2) {
      setOptions([])
      setOpen(false)
      setSearchError('')
      return undefined
    }
    let stale = false
    const timer = setTimeout(async () => {
      setSearching(true)
      try {
        const page = await searchColleagues(term)
        if (stale) return
        const found = (page?.results || []).filter((person) => String(person.id) !== String(excludeId))
        setOptions(found)
        setActive(found.length ? 0 : -1)
        setOpen(true)
        setSearchError('')
      } catch (caught) {
        if (stale) return
        setOptions([])
        setOpen(false)
        setSearchError(caught?.fields?.search || caught?.detail || 'Could not search colleagues.')
      } finally {
        if (!stale) setSearching(false)
      }
    }, 250)
    return () => {
      stale = true
      clearTimeout(timer)
    }
  }, [text, excludeId])

  const choose = (person) => {
    typed.current = false
    setText(colleagueName(person))
    setOpen(false)
    setOptions([])
    onChange(person)
  }

  const onKeyDown = (event) => {
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault()
      setOpen(true)
      setActive((index) => (index + 1) % options.length)
    } else if (event.key === 'ArrowUp' && options.length) {
      event.preventDefault()
      setOpen(true)
      setActive((index) => (index <= 0 ? options.length - 1 : index - 1))
    } else if (event.key === 'Enter' && open) {
      event.preventDefault()
      if (options[active]) choose(options[active])
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      event.stopPropagation()
      setOpen(false)
    }
  }

  const optionId = (index) => `${id}-option-${index}`
  const expanded = open && options.length > 0

  return (
    <div className="delegate-picker">
      <label htmlFor={id}>{label}</label>
      <div className="delegate-box">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={!!error}
          aria-describedby={describedBy(hintId, error && errorId)}
          value={text}
          onChange={(event) => {
            typed.current = true
            setText(event.target.value)
            if (value) onChange(null)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        {(value || text) && (
          <button type="button" onClick={() => choose(null)}>
            Clear
          </button>
        )}
      </div>
      <ul id={listId} role="listbox" aria-label="Colleagues" className="delegate-options" hidden={!expanded}>
        {options.map((person, index) => (
          <li
            key={person.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(person)}
          >
            <span className="delegate-name">{colleagueName(person)}</span>
            {person.email && person.name && <span className="muted"> — {person.email}</span>}
            {person.department && <span className="muted"> ({person.department})</span>}
          </li>
        ))}
      </ul>
      <span id={hintId} className="hint">
        {searching
          ? 'Searching…'
          : searchError ||
            (open && !options.length
              ? 'No colleagues found.'
              : value
                ? `Your open work goes to ${colleagueName(value)} while you are away.`
                : 'Type two or more letters of a name or email, then pick a colleague. Optional.')}
      </span>
    </div>
  )
}
