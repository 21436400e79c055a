// The one HTTP client every service module uses. Tokens live only in HttpOnly cookies set
// by auth_service: requests carry them with `credentials: 'include'`; unsafe methods add
// the double-submit CSRF header. A 401 triggers one silent refresh, then one retry.

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const detail =
      (body && typeof body.detail === 'string' && body.detail) ||
      (body && Array.isArray(body.detail) && body.detail.join(' ')) ||
      (status === 0 ? 'Cannot reach the server. Check your connection and try again.' : `Request failed (${status}).`)
    super(detail)
    this.status = status
    this.body = body || {}
    this.detail = detail
    this.retryAfter = retryAfter
    // {"field": ["message", ...]} → {field: "message message"}
    this.fields = {}
    if (body && typeof body === 'object') {
      for (const [key, value] of Object.entries(body)) {
        if (key !== 'detail' && Array.isArray(value)) this.fields[key] = value.join(' ')
      }
    }
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
let refreshing = null
let onSignedOut = () => {}

export function setSignedOutHandler(handler) {
  onSignedOut = handler
}

export function readCookie(name) {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`))
  return match ? decodeURIComponent(match.slice(name.length + 1)) : ''
}

export function query(params = {}) {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, one)
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

function headersFor(method, body) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method)) headers['X-CSRFToken'] = readCookie('csrftoken')
  return headers
}

async function send(method, path, body) {
  let response
  try {
    response = await fetch(path, {
      method,
      credentials: 'include',
      headers: headersFor(method, body),
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, null)
  }
  return response
}

async function parse(response) {
  if (response.status === 204) return null
  const type = response.headers.get('Content-Type') || ''
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text()
  if (!response.ok) {
    throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data || undefined }, Number(response.headers.get('Retry-After')) || undefined)
  }
  return data
}

// Rotate the refresh cookie; concurrent callers share one refresh.
export function refreshSession() {
  if (!refreshing) {
    refreshing = send('POST', '/api/v1/users/token/refresh/', {})
      .then(parse)
      .finally(() => {
        refreshing = null
      })
  }
  return refreshing
}

const NO_RETRY = ['/api/v1/users/token/', '/api/v1/users/token/refresh/', '/api/v1/auth/logout/']

export async function request(method, path, body) {
  let response = await send(method, path, body)
  if (response.status === 401 && !NO_RETRY.includes(path)) {
    try {
      await refreshSession()
    } catch {
      onSignedOut()
      return parse(response)
    }
    response = await send(method, path, body)
  }
  return parse(response)
}

export const api = {
  get: (path, params) => request('GET', path + query(params)),
  post: (path, body = {}) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  put: (path, body) => request('PUT', path, body),
  delete: (path, body) => request('DELETE', path, body),
}

// Multipart upload with progress (fetch cannot report upload progress).
export function upload(path, form, onProgress, headers = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.withCredentials = true
    xhr.setRequestHeader('X-CSRFToken', readCookie('csrftoken'))
    xhr.setRequestHeader('Accept', 'application/json')
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100))
    }
    xhr.onerror = () => reject(new ApiError(0, null))
    xhr.onload = () => {
      let data = null
      try {
        data = JSON.parse(xhr.responseText)
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data)
      else reject(new ApiError(xhr.status, data, Number(xhr.getResponseHeader('Retry-After')) || undefined))
    }
    xhr.send(form)
  })
}

// A random Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not).
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
