// The calculator page: reads the form, asks core.js, writes the results. Figures come from
// assets/data/policy.json, words from the page (<script id="calc-config">: data/texts.yml calc.*). Results carry
// data-result="<name>" on a <data> element whose `value` is the plain integer (retirement month as YYYYMM).
import * as core from './core.js'
import { loadPolicy, PolicyError } from './policy.js'

const form = document.querySelector('[data-calc]')
const cfg = form && JSON.parse(document.getElementById('calc-config').textContent)
const T = cfg && cfg.texts
const PAUSE = 1200 // ms without a key before a field being typed is checked (no red message mid-number)

const fill = (key, v = {}) => T[key].replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m))
const list = (key) => T[key].split(' ')
const sep = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, T.thousands)
const cur = (n) => fill('money', { n: sep(n) })
const pct = (r) => fill('percent', { n: String(+(r * 100).toFixed(2)).replace('.', T.decimal) })
const mo = ({ year, month }) => fill('month_year', { month: list('month_names')[month - 1], year })
const day = (iso) => { const [y, m, d] = iso.split('-').map(Number); return fill('date', { day: list('date_days')[d - 1], month: list('date_months')[m - 1], year: y }) }
const dmy = (iso) => iso.split('-').reverse().join('/') // the date field: dd/mm/yyyy in both languages
const unit = (n, one, many) => (n === 1 ? T[one] : fill(many, { n }))
const ym = (months) => {
  const y = Math.floor(months / 12)
  const m = months % 12
  if (y && m) return fill('years_months', { years: unit(y, 'one_year', 'years'), months: unit(m, 'one_month', 'months') })
  return y ? unit(y, 'one_year', 'years') : unit(m, 'one_month', 'months')
}
const age = (y, m) => (m ? fill('age_months', { years: y, months: m }) : fill('age', { years: y }))
const today = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10) }

// Query keys of shared links (readable Vietnamese) ↔ fields, and the values that differ between link and form.
const KEYS = {
  income: 'thu-nhap', group: 'nhom', method: 'ky', date: 'ngay', sex: 'gioi-tinh', bmonth: 'thang-sinh', byear: 'nam-sinh',
  paid: 'da-dong', compulsory: 'bat-buoc', withdrawn: 'da-rut', joined: 'truoc-2021',
}
const SLUGS = { group: { 'ho-ngheo': 'poor', 'can-ngheo': 'near_poor', 'dan-toc': 'ethnic_minority', khac: 'other' }, sex: { nam: 'male', nu: 'female' } }
const FIELD = {
  NOT_A_NUMBER: 'income', INCOME_BELOW_FLOOR: 'income', INCOME_ABOVE_CEILING: 'income', BAD_DATE: 'date', NO_PARAMETERS: 'date',
  BAD_YEARS: 'method', BAD_BIRTH: 'byear', BAD_SERVICE: 'paid', BAD_SEX: 'sex', BAD_WITHDRAWN: 'withdrawn', BAD_COMPULSORY: 'compulsory',
}
const CONTRIBUTION = ['income_floor', 'reference_level', 'ceiling_multiplier', 'contribution_rate', 'support_rates', 'support_cap_months', 'provincial_top_up']
const PENSION = ['retirement_age', 'pension_min_years', 'pension_rate', 'back_payment_max_months', 'fund_rate_monthly', 'social_pension']

let P = null
let shownDate = null
let timer = 0
const el = (k) => form.elements[KEYS[k]]
const q = (s, root = document) => root.querySelector(s)
const unc = (key, date) => { try { return core.entry(P, key, date).confidence === 'unconfirmed' ? ` ${T.unconfirmed}` : '' } catch { return '' } }
const para = (text) => Object.assign(document.createElement('p'), { textContent: text })

function setResult (name, n, text) {
  for (const node of document.querySelectorAll(`[data-result="${name}"]`)) {
    node.value = n === null ? '' : String(n)
    node.textContent = text ?? (n === null ? '—' : cur(n))
  }
}

function message (err) {
  const v = { ...err.values, example: dmy(today()) }
  if (err.code.startsWith('INCOME_')) v.a = cur(v.a)
  if (err.code === 'BAD_WITHDRAWN' || err.code === 'BAD_COMPULSORY') v.a = ym(v.a)
  if (v.date) v.date = day(v.date)
  return fill('err_' + err.code.toLowerCase(), v)
}

function showError (field, err) {
  const input = el(field)
  const msg = q(`#${input.id}-msg`)
  input.setAttribute('aria-invalid', err ? 'true' : 'false')
  msg.hidden = !err
  msg.textContent = err ? message(err) : ''
}

// A duration field: months, or an error that names that field.
function months (k) {
  try { return core.parseDuration(el(k).value) } catch (err) { err.field = k; throw err }
}

function fillChoices (date) {
  if (date === shownDate) return
  const m = el('method')
  const keep = m.value || m.dataset.want
  const opts = Object.keys(core.value(P, 'payment_deadlines', date)).map(Number).sort((a, b) => a - b)
    .map((n) => [n, n === 1 ? T.method_month : fill('method_months', { months: n })])
  for (let y = 2; y * 12 <= core.value(P, 'advance_max_months', date); y++) opts.push([y * 12, fill('method_years', { years: y })])
  m.replaceChildren(...opts.map(([v, t]) => new Option(t, v)))
  m.value = opts.some(([v]) => String(v) === keep) ? keep : '1'
  const { floor, ceiling } = core.bounds(P, date)
  Object.assign(q('[data-slider]', form), { min: floor, max: ceiling, step: 50000 })
  q('[data-bounds]', form).textContent = fill('bounds', { floor: cur(floor) + unc('income_floor', date), ceiling: cur(ceiling) })
  const ref = core.value(P, 'reference_level', date)
  q('[data-quick]', form).replaceChildren(...[floor, 2 * floor, ref, 2 * ref].sort((a, b) => a - b).map((n) => {
    const b = Object.assign(document.createElement('button'), { type: 'button', className: 'md-button', textContent: cur(n).replace(' ', '\u00a0') }) // amount and unit on one line
    b.onclick = () => { el('income').value = sep(n); run() }
    return b
  }))
  shownDate = date
}

// The lines under the amount of a period or advance payment: deadline, the floor used, a change that the deadline
// or the period crosses (Law 41/2024 Art 31(2): the floor "at the time of payment"; amounts paid ahead are fixed).
function paymentNotes ({ income, group, date, months, p, periodic }) {
  const floor = core.window(P, ['income_floor'], date)
  const lines = []
  if (periodic) lines.push(fill('due', { date: day(p.deadline) }))
  else {
    lines.push(fill('advance', { amount: cur(core.about(p.net)), rate: pct(p.rate), unconfirmed: unc('fund_rate_monthly', date) }))
    if (p.netLow < p.net) lines.push(fill('advance_lower', { amount: cur(core.about(p.netLow)) }))
  }
  const f = core.bounds(P, date).floor
  lines.push(floor.end ? fill('floor_until', { floor: cur(f) + unc('income_floor', date), end: day(floor.end) }) : fill('floor_open', { floor: cur(f) }))
  const end = core.window(P, CONTRIBUTION, date).end
  let changes = false
  if (end && periodic && end < p.deadline) {
    let later = null
    try { later = core.periodPayment(P, { income, group, date: core.addDays(end, 1), months }).net } catch { /* not payable then */ }
    changes = later !== p.net
    if (changes) lines.push(fill('changes', { end: day(end) }))
  }
  if (end && !changes && end < p.lastMonth) lines.push(fill('locked', { date: day(core.addDays(end, 1)) }))
  q('[data-period-note]').replaceChildren(...lines.map(para))
}

function pay (date) {
  const group = el('group').value
  const months = Number(el('method').value) || 1
  const income = core.parseIncome(el('income').value)
  const c = core.contribution(P, { income, group, date })
  const slider = q('[data-slider]', form)
  if (document.activeElement !== slider) slider.value = income
  const periodic = core.PERIODS.includes(months)
  const p = periodic ? core.periodPayment(P, { income, group, date, months }) : core.advancePayment(P, { income, group, date, years: months / 12 })
  setResult('net-month', c.net)
  setResult('support-month', c.support)
  setResult('gross-month', c.gross)
  setResult('period-total', p.net, periodic ? null : cur(core.about(p.net)))
  q('[data-sentence]').replaceChildren(fill('sentence', { net: cur(c.net), support: cur(c.support) }),
    ...(c.topUp ? [' ', fill('top_up_part', { amount: cur(c.topUp), province: cfg.province })] : []))
  q('[data-period-label]').textContent = periodic ? (months === 1 ? T.every_month : fill('every', { months })) : fill('method_years', { years: months / 12 })
  paymentNotes({ income, group, date, months, p, periodic })
  return income
}

function pension (income, date) {
  const sex = el('sex').value
  const by = el('byear').value.trim()
  if (!sex || !by) return null
  const birthYear = /^\d{4}$/.test(by) ? Number(by) : NaN
  const paid = months('paid')
  const withdrawn = months('withdrawn')
  const o = core.outlook(P, {
    sex, birthYear, birthMonth: Number(el('bmonth').value), paidMonths: paid, withdrawnMonths: withdrawn,
    compulsoryMonths: months('compulsory'), joinedBefore: el('joined').checked, date,
  })
  if (income === null) return 'income'
  const years = o.minMonths / 12
  const est = (m) => { m = Math.min(m, 720); return core.pensionEstimate(P, { sex, years: Math.floor(m / 12), months: m % 12, income, date: o.lawDate }) }
  const about = (m) => cur(core.about(est(m), false))
  const retired = { year: o.retirementYear, month: o.retirementMonth }
  const lines = [fill(o.reached ? 'retire_past' : 'retire_future', { month: mo(retired), age: age(o.retirementAgeYears, o.retirementAgeMonths) })]
  if (withdrawn) lines.push(fill('counted_withdrawn', { paid: ym(paid), withdrawn: ym(withdrawn), time: ym(o.countedMonths) }))
  else if (o.reached) lines.push(fill('counted', { time: ym(o.countedMonths) }))
  if (!o.reached) lines.push(fill('keep_head', { month: mo(retired) }) + ' ' + fill('have', { time: ym(o.monthsAtRetirement) }))
  if (!o.shortMonths) {
    lines.push(o.reached ? fill('eligible_now', { years }) : fill('eligible_from', { years, month: mo(o.pensionFrom) }))
    lines.push(fill('pension', { rate: pct(o.rate), amount: about(o.monthsAtRetirement) }))
  } else {
    lines.push(fill('short', { missing: ym(o.shortMonths), years }))
    if (o.lumpSumAllowed) {
      const b = core.backPayment(P, { income, months: o.shortMonths, date })
      lines.push(fill(o.reached ? 'back_now' : 'back_at_age', { missing: ym(o.shortMonths), amount: cur(core.about(b.total)) + unc('fund_rate_monthly', date) }))
      lines.push(fill(o.reached ? 'keep_now' : 'keep_after', { month: mo(o.fullBy), years }))
    } else {
      lines.push(fill('too_short', { max: o.backPaymentMaxMonths / 12, month: mo(o.fullBy), month_lump: mo(o.lumpSumFrom), years }))
    }
    lines.push(fill('when_full', { years, rate: pct(o.rateWhenFull), amount: about(Math.max(o.minMonths, o.monthsAtRetirement)) }))
    lines.push(T.keep_record)
  }
  if (!o.reached) {
    const s = o.stop
    lines.push(T.stop_head + ' ' + (s.shortMonths ? fill('stop_short', { time: ym(s.months), missing: ym(s.shortMonths) })
      : fill('stop_eligible', { time: ym(s.months), rate: pct(s.rate), amount: about(s.months) })))
  }
  const tr = o.transitional
  if (tr) {
    lines.push(fill(tr.reached ? 'transitional_now' : 'transitional', {
      cutoff: day(tr.cutoff), age: tr.ageYears, years: tr.needMonths / 12, month: mo(tr), age_then: age(tr.ageThenYears, tr.ageThenMonths), rate: pct(tr.rate),
    }))
  }
  if (o.compulsoryRules) lines.push(fill('compulsory', { years }))
  lines.push(fill('social', {
    amount: cur(core.value(P, 'social_pension', date)) + unc('social_pension', date),
    age: core.value(P, 'social_pension_age', date), age_poor: core.value(P, 'social_pension_age_poor', date),
  }))
  q('[data-pension-text]').replaceChildren(...lines.map(para))
  setResult('retirement-month', o.retirementYear * 100 + o.retirementMonth, mo(retired))
  if (o.shortMonths) setResult('pension-month', 0, T.not_eligible)
  else setResult('pension-month', est(o.monthsAtRetirement), cur(core.about(est(o.monthsAtRetirement), false)))
  return 'current'
}

// quiet: called while typing; an error in the field being typed waits for a pause or for leaving the field.
function run (quiet = false) {
  for (const f of new Set([...Object.values(FIELD), 'paid'])) showError(f, null)
  let date = null
  const boxes = { pay: q('[data-out="pay"]'), pension: q('[data-out="pension"]') }
  const state = {}
  const problem = (box, err) => {
    if (!(err instanceof core.CalcError)) throw err
    const field = err.field || FIELD[err.code] || 'income'
    const typing = quiet && document.activeElement === el(field)
    if (!typing) showError(field, err)
    state[box] = typing ? 'pending' : 'stale'
  }
  let income = null
  try {
    date = core.parseDate(el('date').value)
    fillChoices(date)
    income = pay(date)
    state.pay = 'current'
  } catch (err) { problem('pay', err) }
  if (date) {
    try { state.pension = pension(income, date) || 'empty' } catch (err) { problem('pension', err) }
    if (state.pension === 'income') state.pension = state.pay
  } else state.pension = state.pay
  for (const [name, box] of Object.entries(boxes)) {
    box.dataset.state = state[name]
    if (state[name] === 'stale' || state[name] === 'empty') {
      for (const n of name === 'pay' ? ['net-month', 'support-month', 'gross-month', 'period-total'] : ['retirement-month', 'pension-month']) setResult(n, null)
    }
  }
  if (state.pay === 'stale') q('[data-sentence]').textContent = T.stale
  writeUrl()
}

function query () {
  const qs = new URLSearchParams()
  for (const [k, key] of Object.entries(KEYS)) {
    const field = el(k)
    let v = field.type === 'checkbox' ? (field.checked ? '1' : '') : field.value.trim()
    if (k === 'income') { try { v = String(core.parseIncome(v)) } catch { /* keep what was typed */ } }
    if (SLUGS[k]) v = Object.keys(SLUGS[k]).find((s) => SLUGS[k][s] === v) || v
    if (k === 'date') { try { v = core.parseDate(v) } catch { /* keep what was typed */ } }
    // today's date and a birth month without a year add nothing to a shared link
    if (v && !(k === 'date' && v === today()) && !(k === 'bmonth' && !el('byear').value.trim())) qs.set(key, v)
  }
  return qs.toString().replace(/%2C/g, ',')
}

// The language switch (partials/alternate.html) opens the same result, at the same place, in the other language.
function switchLink (qs) {
  for (const a of document.querySelectorAll('[data-md-component="language-switch"] a[hreflang]')) {
    a.dataset.base = a.dataset.base || a.getAttribute('href')
    a.href = a.dataset.base + (qs ? `?${qs}` : '') + location.hash
  }
}

function writeUrl () {
  const qs = query()
  history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`)
  q('[data-link]').value = location.href
  switchLink(qs)
}

function readUrl () {
  const qs = new URLSearchParams(location.search)
  for (const [k, key] of Object.entries(KEYS)) {
    if (!qs.has(key)) continue
    const v = qs.get(key)
    if (k === 'joined') el(k).checked = v === '1'
    else el(k).value = SLUGS[k]?.[v] ?? v
  }
  if (['compulsory', 'withdrawn', 'joined'].some((k) => qs.get(KEYS[k]))) q('[data-more]').open = true
  el('method').dataset.want = qs.get(KEYS.method) || '1'
  let date = today()
  try { date = core.parseDate(el('date').value) } catch { /* shown as given, with its message */ }
  el('date').value = el('date').value && !/^\d{4}-/.test(el('date').value) ? el('date').value : dmy(date)
  try { el('income').value = sep(el('income').value ? core.parseIncome(el('income').value) : core.bounds(P, date).floor) } catch { /* as given */ }
}

// A count for the office's report (beacon.js, loaded on every page): the result shared or printed.
const count = (event) => window.bhxhBeacon && window.bhxhBeacon(event)

let qrcode = null
let printing = false // the print button's own print: its beforeprint is not counted a second time
async function printSheet () {
  qrcode = qrcode || (await import('../vendor/qrcode-generator.js')).default
  fillSheet()
  count('print')
  printing = true
  try { window.print() } finally { printing = false }
}

// Also on the browser's own Print command (counted there); the QR then needs the button to have been used once.
function beforePrint () {
  fillSheet()
  if (!printing) count('print')
}

function fillSheet () {
  let date = today()
  try { date = core.parseDate(el('date').value) } catch { /* today */ }
  if (qrcode) {
    // The sheet's figures are those of its date: the code reopens that date even when it is today.
    const url = new URL(location.href)
    url.searchParams.set(KEYS.date, date)
    const qr = qrcode(0, 'M')
    qr.addData(url.href)
    qr.make()
    q('[data-qr]').innerHTML = qr.createSvgTag({ cellSize: 4, margin: 16, scalable: true, alt: url.href })
  }
  q('[data-print-inputs]').replaceChildren(...[...form.querySelectorAll('[data-print-label]')].flatMap((n) => {
    const input = n.control
    let v = input.type === 'checkbox' ? (input.checked ? T.answer_yes : '') : input.tagName === 'SELECT' ? input.selectedOptions[0]?.text : input.value.trim()
    if (input === el('income')) try { v = cur(core.parseIncome(v)) } catch { /* shown as typed */ }
    if (input === el('sex') && !input.value) v = ''
    if (['paid', 'compulsory', 'withdrawn'].some((k) => input === el(k)) && v) try { v = ym(core.parseDuration(v)) } catch { /* as typed */ }
    return v ? [Object.assign(document.createElement('dt'), { textContent: n.textContent }), Object.assign(document.createElement('dd'), { textContent: v })] : []
  }))
  const keys = [...CONTRIBUTION, 'payment_deadlines', 'fund_rate_monthly', ...(el('sex').value ? PENSION : [])]
  const w = core.window(P, keys, date)
  q('[data-print-date]').textContent = fill('sheet_date', { date: day(today()) })
  q('[data-print-validity]').textContent = w.end ? fill('sheet_until', { start: day(w.start), end: day(w.end) }) : fill('sheet_open', { start: day(w.start) })
  q('[data-print-basis]').textContent = [...new Set(keys.map((k) => {
    try {
      const d = P.documents[core.entry(P, k, date).source]
      return d.kind[cfg.lang] + (/^[\s—-]*$/.test(d.number) ? '' : ` ${d.number}`) // a source without a number: its kind
    } catch { return '' }
  }))].filter(Boolean).join('; ')
}

async function start () {
  try {
    P = await loadPolicy() // the policy.json of this page's build (policy.js)
  } catch (e) {
    const status = q('[data-calc-status]')
    status.textContent = (e instanceof PolicyError && e.message) || T.load
    if (e instanceof PolicyError && e.action) {
      status.append(' ', Object.assign(document.createElement('a'), { href: location.href, textContent: e.action }))
    }
    form.hidden = true // without its data the form cannot work; the build-time table below still does
    return
  }
  readUrl()
  form.addEventListener('input', (e) => {
    if (e.target.matches('[data-slider]')) el('income').value = sep(e.target.value)
    run(true)
    clearTimeout(timer)
    timer = setTimeout(run, PAUSE)
  })
  form.addEventListener('change', () => { clearTimeout(timer); run() })
  form.addEventListener('submit', (e) => { e.preventDefault(); run() })
  window.addEventListener('hashchange', () => switchLink(query()))
  q('[data-copy]').onclick = async () => {
    const status = q('[data-copy-status]')
    try { await navigator.clipboard.writeText(location.href); status.textContent = T.copied; count('share') } catch { q('[data-link]').select(); status.textContent = T.copy_failed }
  }
  q('[data-print]').onclick = printSheet
  window.addEventListener('beforeprint', beforePrint)
  run()
  form.dataset.ready = 'true' // tests wait for this, not for a time
}

if (form) start()
