// The search loader: the readable source of the inline script in overrides/partials/search.html (the build
// minifies it with esbuild and inlines it; deploy/nginx.conf allows it by its sha256, tests/test_nginx.py names the
// hash after a change). It runs before the theme's bundle.js and changes four things:
// 1. The search worker, its lunr scripts and the search index load only when the reader opens the search (focus in
//    the box, a tap on the icon, the "/" and "s" keys), not on every page view: about 15 KB gzip that most readers on a
//    weak signal never use. Until then the theme's messages to the worker and its index request wait here.
// 2. The worker is the site's own (search/worker.js, data-worker on the search box), which runs the theme's worker
//    inside it and improves its results for Vietnamese typed without tone marks.
// 3. When the index or the worker cannot load (no signal, and not yet saved on the phone), the result box says so in
//    the page's language (data-offline) instead of "Initializing search" forever.
// 4. The theme fetches sitemap.xml (next to the page and to every link[rel=alternate]) for instant navigation, which
//    is off, and to redirect clicks on links into the other language, which the language switch does not need
//    (partials/alternate.html): those requests are not sent, which saves a request and 0.7 KB gzip on every page.
// Once a result is shown, the result box carries the query it answers (data-query): tests wait for it.
(function () {
  var started = false
  var waiting = []
  var NativeWorker = window.Worker
  var xhr = XMLHttpRequest.prototype
  var open = xhr.open
  var send = xhr.send

  function start() {
    if (!started) {
      started = true
      waiting.splice(0).forEach(function (run) { run() })
    }
  }
  function later(run) {
    if (started) run()
    else waiting.push(run)
  }
  function box() {
    return document.querySelector('.md-search')
  }
  function offline() {
    var meta = document.querySelector('.md-search-result__meta')
    if (meta && box() && box().dataset.offline) meta.textContent = box().dataset.offline
  }

  window.Worker = function (url, options) {
    if (!/\/workers\/search\.[^/]*js$/.test(String(url))) return new NativeWorker(url, options)
    var proxy = new EventTarget()
    var worker = null
    var queue = []
    var queries = []
    proxy.postMessage = function (message) {
      if (message && message.type === 2) queries.push(message.data)
      if (worker) worker.postMessage(message)
      else queue.push(message)
    }
    proxy.terminate = function () {
      if (worker) worker.terminate()
    }
    later(function () {
      var ours = box() && box().dataset.worker
      worker = new NativeWorker(ours || url, options)
      if (ours) worker.postMessage({ type: 'theme', url: new URL(url, location.href).href })
      worker.onmessage = function (event) {
        proxy.dispatchEvent(new MessageEvent('message', { data: event.data }))
        var result = document.querySelector('.md-search-result')
        if (event.data && event.data.type === 3 && result) result.dataset.query = queries.shift()
      }
      // a script that cannot load (no message, or the lunr scripts' importScripts), not a bug in a script
      worker.onerror = function (event) {
        if (!event.message || /importScripts|load/i.test(event.message)) offline()
      }
      queue.splice(0).forEach(function (message) { worker.postMessage(message) })
    })
    return proxy
  }

  xhr.open = function (method, url) {
    this._sitemap = /sitemap\.xml$/.test(String(url))
    this._index = /\/search\/search_index\.json$/.test(String(url))
    return open.apply(this, arguments)
  }
  xhr.send = function () {
    var request = this
    var args = arguments
    if (request._sitemap) return
    if (!request._index) return send.apply(request, args)
    request.addEventListener('error', offline)
    request.addEventListener('load', function () {
      if (request.status >= 400) offline()
    })
    later(function () { send.apply(request, args) })
  }

  function opened(event) {
    var target = event.target
    if (target && target.closest && target.closest('.md-search, label[for=__search]')) start()
  }
  document.addEventListener('focusin', opened)
  document.addEventListener('pointerdown', opened)
  document.addEventListener('change', function (event) {
    if (event.target.id === '__search') start()
  })
})()
