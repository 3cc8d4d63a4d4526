// The calculator page: reads the form, asks core.js, writes the results. Every figure comes from
// assets/data/policy.json. Results carry data-result="<name>" on a <data> element whose `value` is the
// plain integer (retirement-month as YYYYMM, e.g. 202608).
import * as core from './core.js'
import { loadPolicy, PolicyError } from './policy.js'

const form = document.querySelector('[data-calc]')
const en = document.documentElement.lang.startsWith('en')
const T = en
  ? { m: 'a month', cur: (n) => `VND ${sep(n, ',')}`, mo: (y, m) => new Date(Date.UTC(y, m - 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }), day: (iso) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), unc: 'unconfirmed', pct: (r) => `${+(r * 100).toFixed(2)}%`,
      sentence: (net, sup) => `Each month you pay ${net}; the State pays ${sup}.`, per: (n) => n === 1 ? 'Every month' : `Every ${n} months`, adv: (y) => `${y} years ahead`,
      due: (d) => `pay by ${d}`, advNote: (r, u) => `discounted at the fund's monthly rate of ${r}${u}; State support deducted at face value; an estimate`,
      stale: 'Not calculated: correct the marked field.', load: 'The calculator could not load its data. Use the table below.',
      copied: 'Link copied.', copyFail: 'Copy the link from the box.', ym: (y, m) => [y ? `${y} years` : '', m || !y ? `${m} months` : ''].join(' ').trim(),
      ret: (mo, age) => `You reach retirement age in ${mo} (${age}). The pension starts the month after.`,
      by: (s) => `If you keep paying until then, you will have ${s} of contributions.`,
      ok: (n) => `You qualify for a pension (at least ${n} years).`,
      back: (miss, amt, max) => `You are ${miss} short. At retirement age you may pay the missing time at once (at most ${max} years): about ${amt}.`,
      no: (miss, max) => `You are ${miss} short: more than ${max} years, too much to pay at once. Keep paying after retirement age, or ask the office.`,
      rate: (r, p) => `Pension rate ${r}. Estimated pension: ${p} a month (your chosen income taken as the average, no price adjustment).`,
      social: (a, age, poor) => `For comparison, the social pension (from age ${age}, or ${poor} in poor and near-poor households, for people without a pension) is ${a} a month.`,
      months: (n) => n === 1 ? 'Every month' : `${n} months at once`, age: (y, m) => `age ${y}${m ? ` and ${m} months` : ''}`, bounds: (a, b) => `Lowest ${a}, highest ${b}.`, sex: { male: 'Male', female: 'Female' } }
  : { m: '/tháng', cur: (n) => `${sep(n, '.')} đồng`, mo: (y, m) => `tháng ${m}/${y}`, day: (iso) => iso.split('-').reverse().join('/'), unc: 'chưa xác nhận', pct: (r) => `${+(r * 100).toFixed(2)}%`.replace('.', ','),
      sentence: (net, sup) => `Mỗi tháng bạn đóng ${net}, Nhà nước hỗ trợ ${sup}.`, per: (n) => n === 1 ? 'Mỗi tháng' : `Mỗi lần đóng ${n} tháng`, adv: (y) => `Đóng trước ${y} năm`,
      due: (d) => `nộp chậm nhất ngày ${d}`, advNote: (r, u) => `chiết khấu theo lãi suất quỹ ${r}/tháng${u}; trừ hỗ trợ theo giá trị danh nghĩa; số ước tính`,
      stale: 'Chưa tính được: hãy sửa ô được đánh dấu.', load: 'Không tải được dữ liệu của máy tính. Hãy xem bảng bên dưới.',
      copied: 'Đã sao chép liên kết.', copyFail: 'Hãy sao chép liên kết trong ô.', ym: (y, m) => [y ? `${y} năm` : '', m || !y ? `${m} tháng` : ''].join(' ').trim(),
      ret: (mo, age) => `Bạn đủ tuổi nghỉ hưu vào ${mo} (${age}). Lương hưu tính từ tháng sau đó.`,
      by: (s) => `Nếu đóng đều đến lúc đó, bạn có ${s} đóng BHXH.`,
      ok: (n) => `Bạn đủ điều kiện hưởng lương hưu (cần ít nhất ${n} năm).`,
      back: (miss, amt, max) => `Bạn còn thiếu ${miss}. Khi đủ tuổi, bạn có thể đóng một lần cho thời gian còn thiếu (tối đa ${max} năm): khoảng ${amt}.`,
      no: (miss, max) => `Bạn còn thiếu ${miss}, nhiều hơn ${max} năm nên không đóng một lần được. Hãy đóng tiếp sau tuổi nghỉ hưu hoặc hỏi cơ quan BHXH.`,
      rate: (r, p) => `Tỷ lệ hưởng ${r}. Lương hưu ước tính: ${p} mỗi tháng (lấy thu nhập bạn chọn làm thu nhập bình quân, chưa điều chỉnh theo giá cả).`,
      social: (a, age, poor) => `Để so sánh: trợ cấp hưu trí xã hội (từ ${age} tuổi, hoặc từ ${poor} tuổi nếu thuộc hộ nghèo, cận nghèo, và không có lương hưu) là ${a} mỗi tháng.`,
      months: (n) => n === 1 ? 'Hằng tháng' : `${n} tháng một lần`, age: (y, m) => `${y} tuổi${m ? ` ${m} tháng` : ''}`, bounds: (a, b) => `Thấp nhất ${a}, cao nhất ${b}.`, sex: { male: 'Nam', female: 'Nữ' } }
function sep (n, s) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, s) }

// Query keys (readable Vietnamese) ↔ form fields; value maps for the select boxes.
const KEYS = { income: 'thu-nhap', group: 'nhom', method: 'ky', date: 'ngay', sex: 'gioi-tinh', bmonth: 'thang-sinh', byear: 'nam-sinh', paid: 'da-dong' }
const GROUP = { 'ho-ngheo': 'poor', 'can-ngheo': 'near_poor', 'dan-toc': 'ethnic_minority', khac: 'other' }
const SEX = { nam: 'male', nu: 'female' }
const FIELD = { NOT_A_NUMBER: 'income', INCOME_BELOW_FLOOR: 'income', INCOME_ABOVE_CEILING: 'income', BAD_DATE: 'date', NO_PARAMETERS: 'date', BAD_YEARS: 'method', BAD_BIRTH: 'byear', BAD_SERVICE: 'paid', BAD_SEX: 'sex' }

let P = null
let shownDate = null
const el = (k) => form.elements[KEYS[k]]
const q = (s, root = document) => root.querySelector(s)
const unc = (key, date) => core.entry(P, key, date).confidence === 'unconfirmed' ? ` (${T.unc})` : ''
const today = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10) }

function setResult (name, n, text) {
  for (const node of document.querySelectorAll(`[data-result="${name}"]`)) {
    node.value = n === null ? '' : String(n)
    node.textContent = text ?? (n === null ? '—' : T.cur(n))
  }
}

function showError (field, err) {
  const input = el(field)
  const msg = q(`#${input.id}-msg`)
  if (!msg) return
  input.setAttribute('aria-invalid', err ? 'true' : 'false')
  msg.hidden = !err
  msg.textContent = err ? (en ? err.messageEn : err.messageVi) : ''
}

function fail (box, names, err) {
  if (!(err instanceof core.CalcError)) throw err
  showError(FIELD[err.code] || 'income', err)
  box.dataset.state = 'stale'
  for (const n of names) setResult(n, null)
}

function fillChoices (date) {
  if (date === shownDate) return
  const m = el('method')
  const keep = m.value || m.dataset.want
  const opts = Object.keys(core.value(P, 'payment_deadlines', date)).map(Number).sort((a, b) => a - b).map((n) => [n, T.months(n)])
  for (let y = 2; y * 12 <= core.value(P, 'advance_max_months', date); y++) opts.push([y * 12, T.adv(y)])
  m.replaceChildren(...opts.map(([v, t]) => new Option(t, v)))
  m.value = opts.some(([v]) => String(v) === keep) ? keep : '1'
  const { floor, ceiling } = core.bounds(P, date)
  const slider = form.querySelector('[data-slider]')
  Object.assign(slider, { min: floor, max: ceiling, step: 50000 })
  q('[data-bounds]', form).textContent = T.bounds(T.cur(floor) + unc('income_floor', date), T.cur(ceiling))
  const ref = core.value(P, 'reference_level', date)
  q('[data-quick]', form).replaceChildren(...[floor, 2 * floor, ref, 2 * ref].sort((a, b) => a - b).map((n) => {
    const b = document.createElement('button')
    b.type = 'button'
    b.className = 'md-button'
    b.textContent = T.cur(n)
    b.onclick = () => { el('income').value = sep(n, en ? ',' : '.'); run() }
    return b
  }))
  shownDate = date
}

function run () {
  const out = q('[data-out="pay"]')
  const pen = q('[data-out="pension"]')
  for (const f of new Set(Object.values(FIELD))) showError(f, null)
  const date = el('date').value || today()
  const group = GROUP[el('group').value] || 'other'
  let income, c
  try {
    fillChoices(date)
    const months = Number(el('method').value) || 1
    income = core.parseIncome(el('income').value)
    c = core.contribution(P, { income, group, date })
    const slider = q('[data-slider]', form)
    if (document.activeElement !== slider) slider.value = income
    const periodic = core.PERIODS.includes(months)
    const p = periodic ? core.periodPayment(P, { income, group, date, months }) : core.advancePayment(P, { income, group, date, years: months / 12 })
    setResult('net-month', c.net)
    setResult('support-month', c.support)
    setResult('gross-month', c.gross)
    setResult('period-total', p.net)
    q('[data-sentence]').textContent = T.sentence(T.cur(c.net), T.cur(c.support))
    q('[data-period-label]').textContent = periodic ? T.per(months) : T.adv(months / 12)
    q('[data-period-note]').textContent = periodic ? T.due(T.day(p.deadline)) : T.advNote(T.pct(p.rate), unc('fund_rate_monthly', date))
    out.dataset.state = 'current'
  } catch (err) {
    fail(out, ['net-month', 'support-month', 'gross-month', 'period-total'], err)
    income = null
  }
  pension(pen, income, date)
  writeUrl()
}

function pension (box, income, date) {
  const sex = SEX[el('sex').value]
  const by = el('byear').value.trim()
  const names = ['retirement-month', 'pension-month']
  if (!sex || !by) { box.dataset.state = 'empty'; for (const n of names) setResult(n, null); return }
  try {
    const r = core.retirement(P, { sex, birthYear: Number(by), birthMonth: Number(el('bmonth').value) })
    const paidText = el('paid').value.trim() || '0'
    const paid = /^\d{1,2}$/.test(paidText) ? Number(paidText) : NaN
    if (!(paid <= 60)) throw new core.CalcError('BAD_SERVICE')
    if (income === null) throw new core.CalcError('NOT_A_NUMBER')
    const [y, m] = date.split('-').map(Number)
    const total = paid * 12 + Math.max(0, r.year * 12 + r.month - (y * 12 + m) + 1)
    const min = core.value(P, 'pension_min_years', date) * 12
    const maxBack = core.value(P, 'back_payment_max_months', date)
    const missing = Math.max(0, min - total)
    const counted = missing === 0 ? total : missing <= maxBack ? min : total
    const capped = Math.min(counted, 60 * 12)
    const service = { sex, years: Math.floor(capped / 12), months: capped % 12, date }
    const rate = core.pensionRate(P, service)
    const amount = core.pensionEstimate(P, { ...service, income })
    const lines = [T.ret(T.mo(r.year, r.month), T.age(r.ageYears, r.ageMonths)), T.by(T.ym(Math.floor(total / 12), total % 12))]
    if (!missing) lines.push(T.ok(min / 12))
    else if (missing <= maxBack) {
      const b = core.backPayment(P, { income, months: missing, date })
      lines.push(T.back(T.ym(Math.floor(missing / 12), missing % 12), T.cur(b.total) + unc('fund_rate_monthly', date), maxBack / 12))
    } else lines.push(T.no(T.ym(Math.floor(missing / 12), missing % 12), maxBack / 12))
    if (rate) lines.push(T.rate(T.pct(rate), T.cur(amount)))
    lines.push(T.social(T.cur(core.value(P, 'social_pension', date)) + unc('social_pension', date), core.value(P, 'social_pension_age', date), core.value(P, 'social_pension_age_poor', date)))
    q('[data-pension-text]').replaceChildren(...lines.map((t) => Object.assign(document.createElement('p'), { textContent: t })))
    setResult('retirement-month', r.year * 100 + r.month, T.mo(r.year, r.month))
    setResult('pension-month', amount)
    box.dataset.state = 'current'
  } catch (err) {
    fail(box, names, err)
  }
}

function writeUrl () {
  const qs = new URLSearchParams()
  for (const [k, key] of Object.entries(KEYS)) {
    let v = el(k).value.trim()
    if (k === 'income') { try { v = String(core.parseIncome(v)) } catch { /* keep what was typed */ } }
    // today's date and a birth month without a year add nothing to a shared link
    if (v && !(k === 'date' && v === today()) && !(k === 'bmonth' && !el('byear').value.trim())) qs.set(key, v)
  }
  history.replaceState(null, '', `${location.pathname}?${qs.toString().replace(/%2C/g, ',')}`)
  q('[data-link]').value = location.href
}

function readUrl () {
  const qs = new URLSearchParams(location.search)
  for (const [k, key] of Object.entries(KEYS)) if (qs.has(key)) el(k).value = qs.get(key)
  el('method').dataset.want = qs.get(KEYS.method) || '1'
  if (!el('date').value) el('date').value = today()
  let n
  try { n = el('income').value ? core.parseIncome(el('income').value) : core.bounds(P, el('date').value).floor } catch { return }
  el('income').value = sep(n, en ? ',' : '.')
}

let qrcode = null
async function printSheet () {
  qrcode = qrcode || (await import('../vendor/qrcode-generator.js')).default
  fillSheet()
  window.print()
}

// Also on the browser's own Print command; the QR then needs the button to have been used once.
function fillSheet () {
  if (qrcode) {
    const qr = qrcode(0, 'M')
    qr.addData(location.href)
    qr.make()
    q('[data-qr]').innerHTML = qr.createSvgTag({ cellSize: 4, margin: 16, scalable: true, alt: location.href })
  }
  const date = el('date').value
  q('[data-print-inputs]').replaceChildren(...[...form.querySelectorAll('[data-print-label]')].flatMap((n) => {
    const input = n.control || q(`#${n.htmlFor}`)
    let v = input.tagName === 'SELECT' ? input.selectedOptions[0]?.text : input.value
    if (input === el('income')) try { v = T.cur(core.parseIncome(v)) } catch { /* shown as typed */ }
    if (input === el('date') && v) v = T.day(v)
    return v ? [Object.assign(document.createElement('dt'), { textContent: n.textContent }), Object.assign(document.createElement('dd'), { textContent: v })] : []
  }))
  const docs = [...new Set(['contribution_rate', 'income_floor', 'reference_level', 'support_rates', 'payment_deadlines', 'retirement_age', 'pension_rate']
    .map((k) => { try { const e = core.entry(P, k, date); const d = P.documents[e.source]; return `${d.kind[en ? 'en' : 'vi']} ${d.number}, ${e.article}` } catch { return '' } }))].filter(Boolean)
  q('[data-print-basis]').replaceChildren(...docs.map((t) => Object.assign(document.createElement('li'), { textContent: t })))
  q('[data-print-date]').textContent = T.day(today())
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
    if (e.target.matches('[data-slider]')) el('income').value = sep(e.target.value, en ? ',' : '.')
    run()
  })
  form.addEventListener('submit', (e) => { e.preventDefault(); run() })
  q('[data-copy]').onclick = async () => {
    const status = q('[data-copy-status]')
    try { await navigator.clipboard.writeText(location.href); status.textContent = T.copied } catch { q('[data-link]').select(); status.textContent = T.copyFail }
  }
  q('[data-print]').onclick = printSheet
  window.addEventListener('beforeprint', fillSheet)
  run()
}

if (form) start()
