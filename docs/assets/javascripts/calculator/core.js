// Calculator core: pure functions over the policy data (assets/data/policy.json). No DOM, no clock, no sentence,
// no legal figure: every function takes the date it works for, every error is a code (`CalcError.code`) that the
// page turns into words (data/texts.yml, calc.err_*). Python mirrors the few formulas it prints (scripts/calc.py);
// tests/test_parity.py runs both on shared vectors.
//
// Rounding rule (same as scripts/calc.py): amounts are whole đồng, rounded half up, once per monthly amount.
// Rates become integer basis points, so the monthly arithmetic is exact. Lump sums (advance and back payments)
// sum the exact discounted or compounded terms and round the total once, half up. The law gives the percentages
// but no rounding rule.
//
// Months are counted as indexes (year × 12 + month − 1) so that "the month of a date" is one integer.

export const GROUPS = ['poor', 'near_poor', 'ethnic_minority', 'other']
export const PERIODS = [1, 3, 6, 12]
const SCALE = 10000
const TOP_UP = 'provincial_top_up' // dated provincial rates per group, from data/office.yml (scripts/site_data.py)
// Bounds of what a person can type, not legal figures: a birth year a participant can have, 60 years of service.
const BIRTH_YEARS = [1930, 2015]
const MAX_SERVICE_MONTHS = 720

/** An input the calculator cannot use. `code` names the problem; `values` fill the message's {placeholders}. */
export class CalcError extends Error {
  constructor (code, values = {}) {
    super(code)
    this.name = 'CalcError'
    this.code = code
    this.values = values
  }
}

const bp = (rate) => Math.round(rate * SCALE)
// Integer division rounded half up, exact for the non-negative integers used here (all below 2^53).
const divRound = (n, d) => { const a = 2 * n + d; const b = 2 * d; return (a - (a % b)) / b }
const roundHalfUp = (x) => Math.floor(x + 0.5 + 1e-9)
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

/** An amount called "khoảng" (about): to the thousand, up for what a person pays, down for what they receive. */
export const about = (n, up = true) => (up ? Math.ceil(n / 1000 - 1e-9) : Math.floor(n / 1000 + 1e-9)) * 1000 || 0

// Dates ------------------------------------------------------------------------------------------------------

function checkDate (date) {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || isNaN(Date.parse(date + 'T00:00:00Z')) ||
      new Date(date + 'T00:00:00Z').toISOString().slice(0, 10) !== date) {
    throw new CalcError('BAD_DATE')
  }
  return date
}
const iso = (ms) => new Date(ms).toISOString().slice(0, 10)
/** The ISO date `n` days after `date`. */
export const addDays = (date, n) => iso(Date.parse(date + 'T00:00:00Z') + n * 864e5)
const lastDayOfMonth = (index) => iso(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0))
const firstDayOfMonth = (index) => iso(Date.UTC(Math.floor(index / 12), index % 12, 1))
/** The month of an ISO date as an index (year × 12 + month − 1). */
export const monthIndex = (date) => { const [y, m] = checkDate(date).split('-').map(Number); return y * 12 + m - 1 }
/** An index back to `{ year, month }` (month 1–12). */
export const monthOf = (index) => ({ year: Math.floor(index / 12), month: (index % 12) + 1 })

/** A date as people type it: 01/12/2026, 1/12/2026, 1-12-2026, 1.12.2026, or ISO 2026-12-01. Returns ISO. */
export function parseDate (text) {
  const t = String(text ?? '').trim()
  let m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/)
  if (m) m = [m[0], m[3], m[2], m[1]]
  else m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/)
  if (!m) throw new CalcError('BAD_DATE')
  return checkDate(`${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`)
}

// Policy lookups ---------------------------------------------------------------------------------------------

const covering = (p, date) => p && p.values.find((e) => e.effective_from <= date && (e.effective_to === null || date <= e.effective_to))

/** The entry of `key` in force on `date` (ISO YYYY-MM-DD), like Policy.entry in scripts/policy.py. */
export function entry (policy, key, date) {
  checkDate(date)
  const found = covering(policy.parameters[key], date)
  if (!found) throw new CalcError('NO_PARAMETERS', { date })
  return found
}
export const value = (policy, key, date) => entry(policy, key, date).value

/**
 * When the values of `keys` in force on `date` hold: `{ start, end }` (ISO dates; null when the data knows no
 * earlier or later change). A later entry with the same value does not end the window; a key without an entry on
 * some day counts as a change that day (the data no longer says).
 */
export function window (policy, keys, date) {
  checkDate(date)
  let start = null
  let end = null
  for (const key of keys) {
    const p = policy.parameters[key]
    if (!p) continue
    const at = (d) => covering(p, d)?.value
    const now = at(date)
    const edges = [...new Set(p.values.flatMap((e) => [e.effective_from, e.effective_to && addDays(e.effective_to, 1)]).filter(Boolean))].sort()
    const later = edges.find((d) => d > date && !same(at(d), now))
    const earlier = edges.filter((d) => d <= date && !same(at(addDays(d, -1)), now)).pop()
    if (later && (end === null || addDays(later, -1) < end)) end = addDays(later, -1)
    if (earlier && (start === null || earlier > start)) start = earlier
  }
  return { start, end }
}

/** Lowest and highest monthly income basis on `date`. */
export function bounds (policy, date) {
  const floor = value(policy, 'income_floor', date)
  return { floor, ceiling: value(policy, 'ceiling_multiplier', date) * value(policy, 'reference_level', date) }
}

/** The province's own support rate for `group` on `date` (0 when the office sets none): added to the State's. */
export function topUpRate (policy, group, date) {
  return covering(policy.parameters[TOP_UP], checkDate(date))?.value[group] ?? 0
}

function checkIncome (policy, income, date) {
  const { floor, ceiling } = bounds(policy, date)
  if (typeof income !== 'number' || !Number.isFinite(income)) throw new CalcError('NOT_A_NUMBER')
  if (income < floor) throw new CalcError('INCOME_BELOW_FLOOR', { a: floor })
  if (income > ceiling) throw new CalcError('INCOME_ABOVE_CEILING', { a: ceiling })
  return { floor, ceiling, income: Math.round(income) }
}

// Contributions ----------------------------------------------------------------------------------------------

/**
 * Monthly gross contribution, support and net payment. The support is the State's rate
 * plus the province's top-up (`topUp`, by default the office's rate on `date`), of 22% of the lowest income;
 * `topUp` in the result is the province's part. `supportedMonths`: months already paid with support; none is
 * due once the cap is reached.
 */
export function contribution (policy, { income, group, date, topUp, supportedMonths = 0 }) {
  if (!GROUPS.includes(group)) throw new CalcError('BAD_GROUP')
  const local = topUp ?? topUpRate(policy, group, date)
  if (typeof local !== 'number' || !(local >= 0 && local <= 1)) throw new CalcError('BAD_RATE')
  const b = checkIncome(policy, income, date)
  const rate = bp(value(policy, 'contribution_rate', date))
  const state = bp(value(policy, 'support_rates', date)[group])
  const gross = divRound(b.income * rate, SCALE)
  const capped = supportedMonths >= value(policy, 'support_cap_months', date)
  const onFloor = (k) => capped ? 0 : Math.min(divRound(b.floor * rate * Math.min(k, SCALE), SCALE * SCALE), gross)
  const support = onFloor(state + bp(local))
  return { gross, support, net: gross - support, floor: b.floor, ceiling: b.ceiling, topUp: support - onFloor(state) }
}

// Months of a payment that still get support, given the months supported before it.
function supportedIn (policy, date, months, supportedMonths) {
  return Math.max(0, Math.min(months, value(policy, 'support_cap_months', date) - supportedMonths))
}

/** 1, 3, 6 or 12 months paid at once; `deadline` is the last day to pay (ISO date). */
export function periodPayment (policy, { income, group, date, months, topUp, supportedMonths = 0 }) {
  months = Number(months)
  if (!PERIODS.includes(months)) throw new CalcError('BAD_PERIOD')
  const m = contribution(policy, { income, group, date, topUp, supportedMonths })
  const deadlineMonths = value(policy, 'payment_deadlines', date)[String(months)]
  const gross = m.gross * months
  const support = m.support * supportedIn(policy, date, months, supportedMonths)
  const start = monthIndex(date)
  const deadline = lastDayOfMonth(start + deadlineMonths - 1)
  return { months, gross, support, net: gross - support, deadline, deadlineMonths, lastMonth: lastDayOfMonth(start + months - 1) }
}

function fundRate (policy, date, rate) {
  const r = rate === undefined || rate === null ? value(policy, 'fund_rate_monthly', date) : rate
  if (typeof r !== 'number' || !(r >= 0 && r < 0.1)) throw new CalcError('BAD_RATE')
  return r
}

/**
 * Several future years at once: the contributions are discounted, Σ_{i=1..n} gross / (1+r)^(i−1).
 * How the State support is netted is not settled by any text read (legal review finding 10), so `net` is the
 * higher reading, the amount to prepare: the support is discounted with the contribution, month by month.
 * `netLow` is the other reading (support taken off at face value after discounting): it may be the real one.
 * Support only for months within the 120-month cap.
 */
export function advancePayment (policy, { income, group, date, years, rate, topUp, supportedMonths = 0 }) {
  const maxYears = Math.floor(value(policy, 'advance_max_months', date) / 12)
  years = Number(years)
  if (!Number.isInteger(years) || years < 1 || years > maxYears) throw new CalcError('BAD_YEARS', { a: maxYears })
  const r = fundRate(policy, date, rate)
  const m = contribution(policy, { income, group, date, topUp, supportedMonths })
  const months = years * 12
  const withSupport = supportedIn(policy, date, months, supportedMonths)
  let sum = 0
  let supportSum = 0
  for (let i = 1; i <= months; i++) {
    const v = 1 / Math.pow(1 + r, i - 1)
    sum += m.gross * v
    if (i <= withSupport) supportSum += m.support * v
  }
  const discounted = roundHalfUp(sum)
  const support = m.support * withSupport
  const net = Math.max(0, roundHalfUp(sum - supportSum))
  const lastMonth = lastDayOfMonth(monthIndex(date) + months - 1)
  return { months, nominal: m.gross * months, discounted, support, net, netLow: Math.max(0, discounted - support), rate: r, lastMonth }
}

/**
 * The missing time at once, at retirement age: total = Σ_{i=1..t} gross × (1+r)^i.
 * Assumption (uncertain): no State support on this lump sum (the higher amount).
 */
export function backPayment (policy, { income, months, date, rate }) {
  const max = value(policy, 'back_payment_max_months', date)
  months = Number(months)
  if (!Number.isInteger(months) || months < 1 || months > max) throw new CalcError('BAD_MONTHS', { a: max })
  const r = fundRate(policy, date, rate)
  const gross = contribution(policy, { income, group: 'other', date, topUp: 0 }).gross
  let sum = 0
  for (let i = 1; i <= months; i++) sum += gross * Math.pow(1 + r, i)
  return { months, nominal: gross * months, total: roundHalfUp(sum), rate: r }
}

// Retirement and pension -------------------------------------------------------------------------------------

function schedule (policy, on) {
  const p = policy.parameters.retirement_age
  return (covering(p, on) || p.values[0]).value
}

// Retirement age in months required in calendar `year` (Decree 135/2020 Art 4): the start age before the roadmap's
// first year, then one step a year, up to the final age.
function ageIn (sched, sex, year) {
  const s = sched[sex]
  const start = s.start[0] * 12 + s.start[1]
  return Math.min(start + Math.max(0, year - sched.first_year + 1) * s.step_months, s.final[0] * 12 + s.final[1])
}

function checkSex (sex) {
  if (sex !== 'male' && sex !== 'female') throw new CalcError('BAD_SEX')
}

/** The retirement age required in calendar `year` (Decree 135/2020 Art 4): `{ years, months }`. */
export function retirementAgeIn (policy, { sex, year }) {
  checkSex(sex)
  const age = ageIn(schedule(policy, `${year}-01-01`), sex, year)
  return { years: Math.floor(age / 12), months: age % 12 }
}

/**
 * The month in which the retirement age is reached (Decree 135/2020 Art 4): the first calendar year
 * Y ≥ first_year in which birth month + required age(Y) falls. The pension starts the month after.
 */
export function retirement (policy, { sex, birthYear, birthMonth }) {
  checkSex(sex)
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth) || birthYear < BIRTH_YEARS[0] || birthYear > BIRTH_YEARS[1] ||
      birthMonth < 1 || birthMonth > 12) throw new CalcError('BAD_BIRTH', { from: BIRTH_YEARS[0], to: BIRTH_YEARS[1] })
  const sched = schedule(policy, `${birthYear + 60}-01-01`)
  const born = birthYear * 12 + birthMonth - 1
  let age = ageIn(sched, sex, sched.first_year - 1)
  if (Math.floor((born + age) / 12) >= sched.first_year) {
    for (let y = sched.first_year; ; y++) {
      age = ageIn(sched, sex, y)
      if (Math.floor((born + age) / 12) <= y) break
    }
  }
  const at = born + age
  return { year: Math.floor(at / 12), month: (at % 12) + 1, ageYears: Math.floor(age / 12), ageMonths: age % 12 }
}

function service (years, months) {
  years = Number(years); months = Number(months || 0)
  if (!Number.isInteger(years) || !Number.isInteger(months) || years < 0 || years * 12 > MAX_SERVICE_MONTHS || months < 0 || months > 11) {
    throw new CalcError('BAD_SERVICE', { a: MAX_SERVICE_MONTHS / 12 })
  }
  return years * 12 + months
}

/**
 * Pension rate as a fraction (Law 41/2024 Art 99), 0 when not eligible. Eligibility counts full
 * years only; for the rate, 1–6 odd months count as half a year and 7–11 as a full year (Art 5(6)).
 */
export function pensionRate (policy, { sex, years, months = 0, date }) {
  checkSex(sex)
  const total = service(years, months)
  if (total < value(policy, 'pension_min_years', date) * 12) return 0
  const rule = value(policy, 'pension_rate', date)
  const odd = total % 12
  const halves = Math.floor(total / 12) * 2 + (odd === 0 ? 0 : odd <= rule.half_year_up_to_months ? 1 : 2)
  const tier = rule[sex].filter((t) => t.from_years * 2 <= halves).pop()
  if (!tier) return 0
  const rateBp = bp(tier.rate) + divRound(bp(tier.step) * (halves - tier.from_years * 2), 2)
  return Math.min(rateBp, bp(rule.max_rate)) / SCALE
}

/** Years of contributions at which the pension rate reaches its maximum (Art 99): 30 for women, 35 for men. */
export function yearsToMaxRate (policy, { sex, date }) {
  checkSex(sex)
  const rule = value(policy, 'pension_rate', date)
  const last = rule[sex][rule[sex].length - 1]
  return last.from_years + Math.ceil((bp(rule.max_rate) - bp(last.rate)) / bp(last.step))
}

/**
 * Estimated monthly pension in whole đồng = rate × average income (`income`); 0 when not eligible.
 * An estimate: past incomes are not CPI-adjusted.
 */
export function pensionEstimate (policy, { sex, years, months = 0, income, date }) {
  const rate = pensionRate(policy, { sex, years, months, date })
  if (typeof income !== 'number' || !Number.isFinite(income) || income < 0) throw new CalcError('NOT_A_NUMBER')
  return divRound(bp(rate) * Math.round(income), SCALE)
}

function rateFor (policy, sex, months, date) {
  const m = Math.min(months, MAX_SERVICE_MONTHS)
  return pensionRate(policy, { sex, years: Math.floor(m / 12), months: m % 12, date })
}

function checkMonths (n, code, values) {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SERVICE_MONTHS) throw new CalcError(code, values)
  return n
}

/**
 * What a person can expect, as of the month of `date` (Law 41/2024 Arts 98–103, 111, 141(9)).
 *
 * `paidMonths`: every month paid before the month of `date`, compulsory and voluntary; `withdrawnMonths`: the part
 * already paid out as BHXH một lần, which no longer counts (Art 5(3)); `compulsoryMonths`: compulsory months among
 * those that count; `joinedBefore`: started voluntary insurance before the transitional rule's date (Art 141(9)).
 * "Keep paying" assumes a payment every month from the month of `date` through the month the age is reached;
 * "stop" (`stop`) assumes none. The law of the retirement month applies to someone who has not reached the age.
 *
 * Returns numbers and flags only (the page says them in words):
 * `reached` (the retirement month is not after the month of `date`; then `monthsAtRetirement` is what counts now),
 * `shortMonths` (missing for the minimum years), `lumpSumAllowed` (0 < short ≤ the back-payment maximum),
 * `pensionFrom` (the month the pension starts, when it is known: Art 101(1)), `fullBy` (the last month to pay,
 * paying on after the age, to reach the minimum), `lumpSumFrom` (when too short for one lump sum: the last month
 * to pay before the rest fits in one), the pension `rate` at the age and `rateWhenFull` once the minimum is paid,
 * `compulsoryRules` (Art 111(1)), `transitional` (Art 141(9): when the pension is due under it, if that is earlier).
 */
export function outlook (policy, { sex, birthYear, birthMonth, paidMonths = 0, withdrawnMonths = 0, compulsoryMonths = 0, joinedBefore = false, date }) {
  const r = retirement(policy, { sex, birthYear, birthMonth })
  const now = monthIndex(date)
  checkMonths(paidMonths, 'BAD_SERVICE', { a: MAX_SERVICE_MONTHS / 12 })
  checkMonths(withdrawnMonths, 'BAD_WITHDRAWN', { a: paidMonths })
  if (withdrawnMonths > paidMonths) throw new CalcError('BAD_WITHDRAWN', { a: paidMonths })
  const counted = paidMonths - withdrawnMonths
  checkMonths(compulsoryMonths, 'BAD_COMPULSORY', { a: counted })
  if (compulsoryMonths > counted) throw new CalcError('BAD_COMPULSORY', { a: counted })
  const born = birthYear * 12 + birthMonth - 1
  const at = r.year * 12 + r.month - 1
  const reached = at <= now
  const lawDate = reached ? date : firstDayOfMonth(at)
  const minMonths = value(policy, 'pension_min_years', lawDate) * 12
  const backMax = value(policy, 'back_payment_max_months', lawDate)
  const monthsAtRetirement = reached ? counted : counted + at - now + 1
  const shortMonths = Math.max(0, minMonths - monthsAtRetirement)
  const stopShort = Math.max(0, minMonths - counted)
  const next = reached ? now : at + 1 // the first month paid after the age
  const out = {
    retirementYear: r.year,
    retirementMonth: r.month,
    retirementAgeYears: r.ageYears,
    retirementAgeMonths: r.ageMonths,
    ageYears: Math.floor((now - born) / 12),
    ageMonths: (now - born) % 12,
    reached,
    countedMonths: counted,
    monthsAtRetirement,
    shortMonths,
    lumpSumAllowed: shortMonths > 0 && shortMonths <= backMax,
    minMonths,
    backPaymentMaxMonths: backMax,
    pensionFrom: !reached && !shortMonths ? monthOf(at + 1) : null,
    fullBy: shortMonths ? monthOf(next + shortMonths - 1) : null,
    lumpSumFrom: shortMonths > backMax ? monthOf(next + shortMonths - backMax - 1) : null,
    rate: rateFor(policy, sex, monthsAtRetirement, lawDate),
    rateWhenFull: rateFor(policy, sex, Math.max(minMonths, monthsAtRetirement), lawDate),
    stop: { months: counted, shortMonths: stopShort, lumpSumAllowed: stopShort > 0 && stopShort <= backMax, rate: rateFor(policy, sex, counted, lawDate) },
    // Art 111(1)(a)(b): from 15 years of compulsory insurance, pension and survivors follow the compulsory rules.
    compulsoryRules: compulsoryMonths >= (covering(policy.parameters.mixed_record, lawDate)?.value.pension_compulsory_years ?? Infinity) * 12,
    transitional: null,
    lawDate,
  }
  // The month the general rule is met (paying on after the age when short), unless it is met already.
  if (joinedBefore && !(reached && !shortMonths)) {
    const general = reached ? now + shortMonths - 1 : at + shortMonths
    out.transitional = transitional(policy, { sex, born, now, lawDate, voluntary: counted - compulsoryMonths, general })
  }
  return out
}

// Law 41/2024 Art 141(9): joined voluntary insurance before 1/1/2021 with 20 years of voluntary contributions →
// pension at 60 (men) / 55 (women): policy.yml retirement_transitional, as in force when the person retires.
function transitional (policy, { sex, born, now, lawDate, voluntary, general }) {
  const rule = covering(policy.parameters.retirement_transitional, lawDate)?.value
  if (!rule) return null
  const cutoff = rule.joined_before
  const need = rule.min_voluntary_years * 12
  const age = rule[`${sex}_age`] * 12
  const due = Math.max(born + age, voluntary >= need ? now : now + need - voluntary - 1) // both conditions met
  if (due >= general) return null // the general rule comes first: nothing to add
  return {
    ...monthOf(due),
    cutoff,
    needMonths: need,
    ageYears: Math.floor(age / 12),
    ageMonths: age % 12,
    reached: due <= now,
    ageThenYears: Math.floor((due - born) / 12),
    ageThenMonths: (due - born) % 12,
    rate: rateFor(policy, sex, need, lawDate),
  }
}

// What people type -------------------------------------------------------------------------------------------

/**
 * An income typed the way people write it: "3.000.000", "3000000", "3 triệu", "3tr", "1,5 triệu",
 * "500 nghìn", "500k", "3m". Returns whole đồng; throws NOT_A_NUMBER.
 */
export function parseIncome (text) {
  let t = String(text ?? '').trim().toLowerCase().normalize('NFC').replace(/\s+/g, '').replace(/(đồng|đ|vnd|dong)$/, '').replace(/^vnd/, '')
  let mult = 1
  const unit = t.match(/(triệu|trieu|tr|m|nghìn|ngàn|nghin|ngan|k)$/)
  if (unit) {
    mult = /^(k|ng)/.test(unit[1]) ? 1e3 : 1e6
    t = t.slice(0, -unit[1].length)
  }
  let n
  if (/^\d+$/.test(t)) n = Number(t)
  else if (/^\d{1,3}([.,]\d{3})+$/.test(t)) n = Number(t.replace(/[.,]/g, ''))
  else if (/^\d+[.,]\d+$/.test(t)) n = Number(t.replace(',', '.'))
  else throw new CalcError('NOT_A_NUMBER')
  n = Math.round(n * mult)
  if (!Number.isFinite(n) || n <= 0) throw new CalcError('NOT_A_NUMBER')
  return n
}

/**
 * A length of time as people write it: "5" or "5 năm" (years), "5,5" (5 years 6 months), "5 năm 6 tháng",
 * "18 tháng", "5 years 6 months", "5y6m"; empty is 0. Returns months; throws BAD_DURATION.
 */
export function parseDuration (text) {
  const t = String(text ?? '').trim().toLowerCase().normalize('NFC')
  if (!t) return 0
  const m = t.match(/^(?:(\d+(?:[.,]\d+)?)(?![\d.,])\s*(?:năm|nam|years?|y)?)?\s*(?:(\d+)\s*(?:tháng|thang|months?|m))?$/)
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new CalcError('BAD_DURATION', { a: MAX_SERVICE_MONTHS / 12 })
  const years = m[1] === undefined ? 0 : Number(m[1].replace(',', '.'))
  const months = m[2] === undefined ? 0 : Number(m[2])
  if ((m[1] !== undefined && m[2] !== undefined && (months > 11 || !Number.isInteger(years)))) throw new CalcError('BAD_DURATION', { a: MAX_SERVICE_MONTHS / 12 })
  const total = Math.round(years * 12) + months
  if (total > MAX_SERVICE_MONTHS) throw new CalcError('BAD_DURATION', { a: MAX_SERVICE_MONTHS / 12 })
  return total
}
