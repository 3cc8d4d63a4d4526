// The site's search worker (loaded by search/loader.js instead of the theme's): it runs the theme's own worker inside
// itself and improves what goes in and out of it (search/rank.js, overrides/README.md). The loader's first message
// gives the theme worker's address (not the URL: a worker served by the service worker loses its URL's #fragment).
import { improve, queryWords, rewriteQuery } from './rank.js'

const THEME = 'theme' // the loader's first message: { type: 'theme', url }
const QUERY = 2 // the theme's message types (integrations/search/worker/message): SETUP 0, READY 1, QUERY 2, RESULT 3
const RESULT = 3
let theme = null

// The theme's worker loads its lunr scripts relative to its own address.
const load = self.importScripts.bind(self)
self.importScripts = (...urls) => load(...urls.map((url) => new URL(url, theme).href))

// The reader's words, kept for the results of the query. The theme's listener, added by load() during the first
// message (so it does not get that one), gets the rewritten query: the event's data is one object for every listener.
let words = []
self.addEventListener('message', (event) => {
  const message = event.data
  if (theme === null) {
    if (message && message.type === THEME) {
      theme = message.url
      load(theme)
    }
    return
  }
  if (message && message.type === QUERY && typeof message.data === 'string') {
    words = queryWords(message.data)
    message.data = rewriteQuery(message.data)
  }
})

const post = self.postMessage.bind(self)
self.postMessage = (message) => post(message && message.type === RESULT ? { ...message, data: improve(message.data, words) } : message)
