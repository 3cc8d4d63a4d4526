// Calculator core: pure functions over the policy data (assets/data/policy.json). No DOM, no legal figure.
// Mirrored for the monthly contribution by scripts/calc.py; tests/test_parity.py keeps the two equal.
//
// Rounding rule (same as scripts/calc.py): amounts are whole đồng, rounded half up, once per monthly
// amount. Rates become integer basis points, so the monthly arithmetic is exact. Lump sums (advance and
// back payments) sum the exact discounted or compounded terms and round the total once, half up.
// The law gives the percentages but no rounding rule (see the module docstring of scripts/calc.py).

export const GROUPS = ['poor', 'near_poor', 'ethnic_minority', 'other']
export const PERIODS = [1, 3, 6, 12]
const SCALE = 10000

const MSG = {
  NOT_A_NUMBER: ['Hãy nhập một số tiền, ví dụ 3.000.000 hoặc 3 triệu.', 'Enter an amount, for example 3,000,000.'],
  INCOME_BELOW_FLOOR: ['Thu nhập chọn đóng thấp nhất là {a} đồng.', 'The lowest income basis is VND {a}.'],
  INCOME_ABOVE_CEILING: ['Thu nhập chọn đóng cao nhất là {a} đồng.', 'The highest income basis is VND {a}.'],
  BAD_DATE: ['Ngày không hợp lệ. Hãy chọn một ngày.', 'Not a valid date. Pick a date.'],
  NO_PARAMETERS: ['Chưa có quy định cho ngày {a}.', 'No rules are known for {a}.'],
  BAD_GROUP: ['Hãy chọn một nhóm đối tượng.', 'Choose a group.'],
  BAD_PERIOD: ['Hãy chọn đóng 1, 3, 6 hoặc 12 tháng một lần.', 'Choose 1, 3, 6 or 12 months.'],
  BAD_YEARS: ['Số năm đóng trước từ 1 đến {a}.', 'Years ahead: 1 to {a}.'],
  BAD_MONTHS: ['Số tháng đóng bù từ 1 đến {a}.', 'Missing months: 1 to {a}.'],
  BAD_RATE: ['Lãi suất không hợp lệ.', 'Not a valid rate.'],
  BAD_SEX: ['Hãy chọn nam hoặc nữ.', 'Choose male or female.'],
  BAD_BIRTH: ['Năm sinh từ 1930 đến 2015, tháng từ 1 đến 12.', 'Birth year 1930 to 2015, month 1 to 12.'],
  BAD_SERVICE: ['Số năm đã đóng từ 0 đến 60, số tháng lẻ từ 0 đến 11.', 'Years paid 0 to 60, odd months 0 to 11.'],
}

/** An input the calculator cannot use; `code` is stable, the messages are ready to show. */
export class CalcError extends Error {
  // `arg` is one value for both languages, or [vi, en] when they are written differently (amounts).
  constructor (code, arg = '') {
    const [vi, en] = MSG[code]
    const [argVi, argEn] = Array.isArray(arg) ? arg : [arg, arg]
    super(en.replace('{a}', argEn))
    this.name = 'CalcError'
    this.code = code
    this.messageVi = vi.replace('{a}', argVi)
    this.messageEn = this.message
  }
}

const bp = (rate) => Math.round(rate * SCALE)
// Integer division rounded half up, exact for the non-negative integers used here (all below 2^53).
const divRound = (n, d) => { const a = 2 * n + d; const b = 2 * d; return (a - (a % b)) / b }
const roundHalfUp = (x) => Math.floor(x + 0.5 + 1e-9)
const group3 = (n, sep) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)

// Default date for rules that are asked without one (pension rate): the law in force today.
const isoToday = () => new Date().toISOString().slice(0, 10)

function checkDate (date) {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || isNaN(Date.parse(date + 'T00:00:00Z'))) {
    throw new CalcError('BAD_DATE')
  }
  return date
}

/** The entry of `key` in force on `date` (ISO YYYY-MM-DD), like Policy.entry in scripts/policy.py. */
export function entry (policy, key, date) {
  checkDate(date)
  const p = policy.parameters[key]
  const found = p && p.values.find((e) => e.effective_from <= date && (e.effective_to === null || date <= e.effective_to))
  if (!found) throw new CalcError('NO_PARAMETERS', date.split('-').reverse().join('/'))
  return found
}
export const value = (policy, key, date) => entry(policy, key, date).value

/** Lowest and highest monthly income basis on `date`. */
export function bounds (policy, date) {
  const floor = value(policy, 'income_floor', date)
  return { floor, ceiling: value(policy, 'ceiling_multiplier', date) * value(policy, 'reference_level', date) }
}

function checkIncome (policy, income, date) {
  const { floor, ceiling } = bounds(policy, date)
  if (typeof income !== 'number' || !Number.isFinite(income)) throw new CalcError('NOT_A_NUMBER')
  if (income < floor) throw new CalcError('INCOME_BELOW_FLOOR', [group3(floor, '.'), group3(floor, ',')])
  if (income > ceiling) throw new CalcError('INCOME_ABOVE_CEILING', [group3(ceiling, '.'), group3(ceiling, ',')])
  return { floor, ceiling, income: Math.round(income) }
}

/**
 * Monthly gross contribution, State support and net payment (policy reference §3.1).
 * `supportedMonths`: months already paid with State support; none is due once the cap is reached (§3.3).
 */
export function contribution (policy, { income, group, date, topUp = 0, supportedMonths = 0 }) {
  if (!GROUPS.includes(group)) throw new CalcError('BAD_GROUP')
  if (typeof topUp !== 'number' || !(topUp >= 0 && topUp <= 1)) throw new CalcError('BAD_RATE')
  const b = checkIncome(policy, income, date)
  const rate = bp(value(policy, 'contribution_rate', date))
  const k = Math.min(bp(value(policy, 'support_rates', date)[group]) + bp(topUp), SCALE)
  const gross = divRound(b.income * rate, SCALE)
  const capped = supportedMonths >= value(policy, 'support_cap_months', date)
  const support = capped ? 0 : Math.min(divRound(b.floor * rate * k, SCALE * SCALE), gross)
  return { gross, support, net: gross - support, floor: b.floor, ceiling: b.ceiling }
}

// Months of a payment that still get support, given the months supported before it.
function supportedIn (policy, date, months, supportedMonths) {
  return Math.max(0, Math.min(months, value(policy, 'support_cap_months', date) - supportedMonths))
}

function lastDayOfMonth (year, month) { // month 1–12, may overflow
  const d = new Date(Date.UTC(year, month, 0))
  return d.toISOString().slice(0, 10)
}

/** 1, 3, 6 or 12 months paid at once (§2.5, §3.2); `deadline` is the last day to pay (ISO date). */
export function periodPayment (policy, { income, group, date, months, topUp = 0, supportedMonths = 0 }) {
  months = Number(months)
  if (!PERIODS.includes(months)) throw new CalcError('BAD_PERIOD')
  const m = contribution(policy, { income, group, date, topUp, supportedMonths })
  const withSupport = supportedIn(policy, date, months, supportedMonths)
  const deadlineMonths = value(policy, 'payment_deadlines', date)[String(months)]
  const [y, mo] = date.split('-').map(Number)
  const gross = m.gross * months
  const support = m.support * withSupport
  return { months, gross, support, net: gross - support, deadline: lastDayOfMonth(y, mo + deadlineMonths - 1), deadlineMonths }
}

function fundRate (policy, date, rate) {
  const r = rate === undefined || rate === null ? value(policy, 'fund_rate_monthly', date) : rate
  if (typeof r !== 'number' || !(r >= 0 && r < 0.1)) throw new CalcError('BAD_RATE')
  return r
}

/**
 * Several future years at once (§3.4, §10.1): discounted = Σ_{i=1..n} gross / (1+r)^(i−1).
 * Assumption (uncertain, §10.1): the State support for the prepaid months is deducted at nominal value
 * after discounting ("after" variant), only for months within the 120-month cap.
 */
export function advancePayment (policy, { income, group, date, years, rate, topUp = 0, supportedMonths = 0 }) {
  const maxYears = Math.floor(value(policy, 'advance_max_months', date) / 12)
  years = Number(years)
  if (!Number.isInteger(years) || years < 1 || years > maxYears) throw new CalcError('BAD_YEARS', maxYears)
  const r = fundRate(policy, date, rate)
  const m = contribution(policy, { income, group, date, topUp, supportedMonths })
  const months = years * 12
  let sum = 0
  for (let i = 1; i <= months; i++) sum += m.gross / Math.pow(1 + r, i - 1)
  const discounted = roundHalfUp(sum)
  const support = m.support * supportedIn(policy, date, months, supportedMonths)
  return { months, nominal: m.gross * months, discounted, support, net: Math.max(0, discounted - support), rate: r }
}

/**
 * The missing time at once, at retirement age (§3.5): total = Σ_{i=1..t} gross × (1+r)^i.
 * Assumption (uncertain, §10.1): no State support on this lump sum.
 */
export function backPayment (policy, { income, months, date, rate }) {
  const max = value(policy, 'back_payment_max_months', date)
  months = Number(months)
  if (!Number.isInteger(months) || months < 1 || months > max) throw new CalcError('BAD_MONTHS', max)
  const r = fundRate(policy, date, rate)
  const gross = contribution(policy, { income, group: 'other', date }).gross
  let sum = 0
  for (let i = 1; i <= months; i++) sum += gross * Math.pow(1 + r, i)
  return { months, nominal: gross * months, total: roundHalfUp(sum), rate: r }
}

/**
 * The month in which the retirement age is reached (Decree 135/2020 Art 4, §2.7): the first calendar year
 * Y ≥ first_year in which birth month + required age(Y) falls. The pension starts the month after.
 */
export function retirement (policy, { sex, birthYear, birthMonth }) {
  if (sex !== 'male' && sex !== 'female') throw new CalcError('BAD_SEX')
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth) || birthYear < 1930 || birthYear > 2015 ||
      birthMonth < 1 || birthMonth > 12) throw new CalcError('BAD_BIRTH')
  const p = policy.parameters.retirement_age
  const on = `${birthYear + 60}-01-01`
  const sched = (p.values.find((e) => e.effective_from <= on && (e.effective_to === null || on <= e.effective_to)) || p.values[0]).value
  const s = sched[sex]
  const born = birthYear * 12 + birthMonth - 1
  const start = s.start[0] * 12 + s.start[1]
  const final = s.final[0] * 12 + s.final[1]
  let age = start
  if (Math.floor((born + start) / 12) >= sched.first_year) {
    for (let y = sched.first_year; ; y++) {
      age = Math.min(start + (y - sched.first_year + 1) * s.step_months, final)
      if (Math.floor((born + age) / 12) <= y) break
    }
  }
  const at = born + age
  return { year: Math.floor(at / 12), month: (at % 12) + 1, ageYears: Math.floor(age / 12), ageMonths: age % 12 }
}

function service (years, months) {
  years = Number(years); months = Number(months || 0)
  if (!Number.isInteger(years) || !Number.isInteger(months) || years < 0 || years > 60 || months < 0 || months > 11) {
    throw new CalcError('BAD_SERVICE')
  }
  return years * 12 + months
}

/**
 * Pension rate as a fraction (Law 41/2024 Art 99, §3.9), 0 when not eligible. Eligibility counts full
 * years only; for the rate, 1–6 odd months count as half a year and 7–11 as a full year (Art 5(6)).
 */
export function pensionRate (policy, { sex, years, months = 0, date = isoToday() }) {
  if (sex !== 'male' && sex !== 'female') throw new CalcError('BAD_SEX')
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

/**
 * Estimated monthly pension in whole đồng = rate × average income (`income`, or `averageIncome`);
 * 0 when not eligible. An estimate: past incomes are not CPI-adjusted (§3.7).
 */
export function pensionEstimate (policy, { sex, years, months = 0, income, averageIncome, date = isoToday() }) {
  const rate = pensionRate(policy, { sex, years, months, date })
  const avg = income ?? averageIncome
  if (typeof avg !== 'number' || !Number.isFinite(avg) || avg < 0) throw new CalcError('NOT_A_NUMBER')
  return divRound(Math.round(rate * SCALE) * Math.round(avg), SCALE)
}

/**
 * An income typed the way people write it: "3.000.000", "3000000", "3 triệu", "3tr", "1,5 triệu",
 * "500 nghìn", "500k". Returns whole đồng; throws NOT_A_NUMBER.
 */
export function parseIncome (text) {
  let t = String(text ?? '').trim().toLowerCase().normalize('NFC').replace(/\s+/g, '').replace(/(đồng|đ|vnd|dong)$/, '')
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
