import './zod-config'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { bridge } from './bridge'
import { createAppRouter } from './router'
import './styles.css'

// The stores read the kept activation and the device identity synchronously,
// so the bridge loads them before anything mounts (a few ms over IPC).
void bridge.start().then(() => {
  const app = createApp(App)
  app.use(createPinia())
  const router = createAppRouter(app)
  app.use(router)
  app.mount('#app')
  bridge.onNavigate((route) => void router.push(route))
})
