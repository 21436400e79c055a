import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

import { proxyConfig } from './gateway.js'

const port = Number(process.env.TTS_WEB_PORT || 1000)

export default defineConfig({
  plugins: [react()],
  server: { port, strictPort: true, host: '127.0.0.1', proxy: proxyConfig() },
  preview: { port, strictPort: true, host: '127.0.0.1', proxy: proxyConfig() },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.js'],
    include: ['src/**/*.test.{js,jsx}', 'gateway.test.js'],
    restoreMocks: true,
  },
})
