// title: Cooperation by threat domain
// description: The instruments (agreements, mechanisms, events) that address a threat domain or a narrower one, and the actors party to, members of or participants in each.
// param: domain entity — the threat domain, e.g. domain/terrorism
// list: domains, actors
MATCH (d:Entity)-[:BROADER*0..3]->(:Entity {id: $domain})
MATCH (x:Entity)-[:ADDRESSES]->(d)
OPTIONAL MATCH (g:Entity)-[:CONTAINS]->(x)
WITH coalesce(g, x) AS instrument, d
OPTIONAL MATCH (a:Entity)-[:PARTY_TO|SIGNED|PARTICIPATED_IN|MEMBER_OF]->(instrument)
RETURN instrument.id AS id, instrument.type AS type, instrument.label_en AS label,
       collect(DISTINCT d.id) AS domains, collect(DISTINCT a.id) AS actors
ORDER BY id
