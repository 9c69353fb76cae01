import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) }

export default defineConfig({
  resolve: { alias },
  test: {
    // A project whose folder has no tests yet must not fail the run; npm test still
    // fails when no test ran at all.
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        // Components are mounted from their .vue files.
        plugins: [vue()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          // Stores and the SIP layer read localStorage, window and document; the
          // platform's relative URLs resolve against this origin.
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://127.0.0.1:8780/' } },
        },
      },
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['test/platform/**/*.test.ts'],
          environment: 'node',
          // Forks, one file at a time: tests open real SQLite files and loopback ports,
          // and native addons are safer in separate processes than in worker threads.
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'sip',
          include: ['test/sip/**/*.test.ts'],
          environment: 'node',
          // Real Kamailio and sipp processes: start-up and call flows take seconds.
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
