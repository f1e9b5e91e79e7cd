-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05,LT05
-- (jinja loops write this model's CASE branches: sqlfluff cannot place their indent)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='indicator_text',
    post_hook="{{ delete_stale_phrases(ref('int_indicator_phrase_matches'), ['indicator_classes', 'indicator_aliases', 'indicators']) }}",
) }}
-- Incremental: only the phrases new since the last build are computed (macros/incremental_phrases.sql).
-- The per-phrase half of the class rule (rule 4 of int_figure_indicators, which gates it per
-- figure). Each phrase (its scoped key, without the counting word when rule 2 dropped one:
-- int_indicator_phrase_matches) that ends with a head noun of seeds/indicator_classes.csv (the
-- longest head it ends with) → one row per class row of that head (its indicator and unit
-- family), the rest of the phrase in indicator_scope (省重点 of 省重点项目; a class keeps a change
-- verb there: 新建 of 新建学校). A trailing verb of progress or change (重点项目加快推进, 老旧小区改造)
-- is read before the phrase. is_amount_head: the head names one class, of amount families only,
-- which a growth, share, rank or point change may map to whatever its unit.
-- Incremental by phrase, like the phrase tables it reads.
{#- Verbs that follow what a class figure counts (重点项目加快推进, 老旧小区改造, 经营主体净增): the
    class rule reads them before the phrase, as a scope (longest first). Not 更新 or 运营, which
    end programme names (城市更新 is no count of cities). -#}
{%- set trailing_verbs = ['累计开行', '加快建设', '加快推进', '有序推进', '扎实推进', '综合治理', '综合整治', '提档升级',
    '提质升级', '建设', '改造', '治理', '整治', '修复', '升级', '推进', '实施', '运行', '开行', '开工',
    '完工', '交付', '全面', '如期', '净增', '新增', '增加', '减少'] %}
{#- Words of a total after what was counted (公园总数, 高新技术企业总量, 国家先进制造业集群总数): the
    total of the things is their count, so the class rule also reads the phrase without them (the
    counting word 数 of int_indicator_phrase_matches leaves 公园总, no head). Not 总额 or 总值, which
    the spelling steps already read, nor 总规模. -#}
{%- set trailing_totals = ['总数', '总量'] %}
{#- Class rule for growths, shares, ranks and point changes (their unit says nothing of the
    thing): only a head of one class whose every family is an amount (a sum, count, area, mass …),
    never a ratio class (a rate's growth is pp or relative, and a share of a rate means nothing). -#}
{%- set amount_families = ['money', 'count', 'household', 'area', 'mass', 'length', 'power', 'population',
    'person_time', 'volume', 'energy'] %}

with phrases as (
    select matched.indicator_text, matched.scoped_key, matched.counted_key, matched.phrase_built_at
    from {{ ref('int_indicator_phrase_matches') }} as matched
    where {{ new_phrases('matched', ['indicator_classes', 'indicator_aliases', 'indicators']) }}
),

class_heads as (
    select distinct {{ spelled('head') }} as head_key, unit_family, indicator_id
    from {{ ref('indicator_classes') }}
),

head_keys as (
    select distinct head_key, {{ dbt.length('head_key') }} as head_length
    from class_heads
),

-- What a class head is looked for at the end of: the scoped key (without the counting word),
-- and the same with a trailing verb of progress or change put first (重点项目加快推进 → 加快推进重点项目,
-- 经营主体净增 → 净增经营主体), so the head is found and the verb stays in the scope; and without a
-- word of a total at its end (公园总数 → 公园). The longest head wins, on a tie the phrase as
-- written (适老化改造 is a head of its own).
class_keys as (
    select distinct indicator_text, base_key as class_key, 1 as key_rank
    from (
        select distinct indicator_text, coalesce(counted_key, scoped_key) as base_key
        from phrases
    ) as bases
    union all
    select distinct
        indicator_text,
        case
        {%- for w in trailing_verbs %}
            when base_key like '%{{ w }}' and {{ dbt.length('base_key') }} > {{ (w | length) + 1 }}
                then {{ dbt.concat(["'" ~ w ~ "'", "substring(base_key, 1, " ~ dbt.length('base_key') ~ " - " ~ (w | length) ~ ")"]) }}
        {%- endfor %}
            else base_key
        end as class_key,
        2 as key_rank
    from (
        select distinct indicator_text, coalesce(counted_key, scoped_key) as base_key
        from phrases
    ) as bases
    union all
    select distinct
        indicator_text,
        case
        {{- strip_trailing_branches('scoped_key', trailing_totals, keep=1) }}
        end as class_key,
        3 as key_rank
    from phrases
    where {% for w in trailing_totals %}scoped_key like '%{{ w }}'{{ " or " if not loop.last }}{% endfor %}
),

-- The longest head each phrase ends with, whatever the unit: a phrase names one thing, and a
-- unit that does not fit that head refuses the class rather than falling back to a shorter one.
class_candidates as (
    select
        class_keys.indicator_text,
        class_keys.class_key,
        head_keys.head_key,
        head_keys.head_length,
        row_number() over (
            partition by class_keys.indicator_text order by head_keys.head_length desc, class_keys.key_rank asc
        ) as head_rank
    from class_keys
    inner join head_keys
        on class_keys.class_key like {{ dbt.concat(["'%'", "head_keys.head_key"]) }}
),

classed as (
    select
        class_candidates.indicator_text,
        class_heads.unit_family,
        class_heads.indicator_id,
        class_candidates.head_key as indicator_head,
        case
            when {{ dbt.length('class_candidates.class_key') }} > class_candidates.head_length
                then substring(
                    class_candidates.class_key, 1,
                    {{ dbt.length('class_candidates.class_key') }} - class_candidates.head_length
                )
        end as indicator_scope
    from class_candidates
    inner join class_heads
        on class_candidates.head_key = class_heads.head_key
    where class_candidates.head_rank = 1
),

-- Heads a growth, share, rank or point change may map by: one class, amount families only.
amount_heads as (
    select head_key
    from class_heads
    group by head_key
    having count(distinct indicator_id) = 1
        and sum(case when unit_family in ({% for f in amount_families %}'{{ f }}'{{ ", " if not loop.last }}{% endfor %}) then 0 else 1 end) = 0
)

select
    classed.indicator_text,
    classed.indicator_id,
    classed.unit_family,
    classed.indicator_head,
    classed.indicator_scope,
    amount_heads.head_key is not null as is_amount_head,
    phrases.phrase_built_at,
    {{ seeds_checksum(['indicator_classes', 'indicator_aliases', 'indicators']) }} as seeds_checksum
from classed
inner join phrases
    on classed.indicator_text = phrases.indicator_text
left join amount_heads
    on classed.indicator_head = amount_heads.head_key
