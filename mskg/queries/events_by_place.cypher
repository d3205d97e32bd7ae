// title: Events by place
// description: Events held in a place, or in any city of a state, with their date and status.
// param: place entity — a city, port, region or state, e.g. place/rabat or state/MAR
MATCH (e:Entity)-[:HELD_IN]->(p:Entity)
OPTIONAL MATCH (p)-[:LOCATED_IN]->(s:Entity)
WITH e, p, s
WHERE p.id = $place OR s.id = $place
RETURN DISTINCT e.id AS id, e.label_en AS label, e.date AS date, e.status AS status
ORDER BY id
