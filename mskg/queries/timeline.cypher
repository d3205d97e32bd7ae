// title: Timeline
// description: Dated events between two dates (inclusive; partial dates such as 2013 or 2013-04 cover their whole year or month).
// param: from date = 1900 — earliest date, YYYY[-MM[-DD]]
// param: to date = 2100 — latest date, YYYY[-MM[-DD]]
MATCH (e:Entity)
WHERE e.date IS NOT NULL AND 'Event' IN labels(e) AND e.date >= $from AND e.date <= $to + '~'
RETURN e.id AS id, e.label_en AS label, e.date AS date, e.status AS status
ORDER BY date, id
