{#- spelled(expr): the text brought to one spelling, for matching indicator phrases to aliases:
    upper-cased, spaces and quotation marks dropped, full-width brackets and ＆ half-width,
    PM₂.₅ = PM2.5, 细颗粒物(PM2.5) = 细颗粒物, 规上/规模工业 = 规模以上(工业), 地区生产总值/生产总值 = GDP, 研究与试验发展/R&D = 研发.
    Order matters: 地区生产总值 before 生产总值, 规上 before 规模工业.

    It is a chain of nested replace() calls: apply it once per text, in a model materialized
    as a table (int_indicator_phrase_keys, int_indicator_alias_keys), and join on the result.
    Repeated inside a query (once per CASE branch of the matching rules) the chain grew Spark's
    plan past a 2 GB driver heap. Quotes in literals go through dbt.escape_single_quotes
    (Spark SQL escapes with a backslash, the others by doubling). -#}
{% macro spelled(expr) -%}
    {%- set spellings = [
        (' ', ''), ('　', ''), ('“', ''), ('”', ''), ('‘', ''), ('’', ''), ('"', ''), ("'", ''),
        ('「', ''), ('」', ''), ('（', '('), ('）', ')'), ('＆', '&'), ('PM_2.5', 'PM2.5'), ('PM₂.₅', 'PM2.5'), ('细颗粒物(PM2.5)', '细颗粒物'),
        ('规上', '规模以上'), ('规模工业', '规模以上工业'),
        ('地区生产总值', 'GDP'), ('生产总值', 'GDP'),
        ('研究与试验发展', '研发'), ('R&D', '研发'),
    ] -%}
    {%- set ns = namespace(sql='upper(' ~ expr ~ ')') -%}
    {%- for old, new in spellings -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ dbt.escape_single_quotes(old) ~ "', '" ~ dbt.escape_single_quotes(new) ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
