{#- Two statements of one observation (a target and its outcome, an estimate and its final)
    are compared in one common unit, by one rule used everywhere:
      1. as written, when the two are written in the same unit: no float noise from scaling,
         and percent minus percent reads as percentage points;
      2. else in base units, when both scale to the same base unit (亿元 vs 万亿元 → yuan,
         % vs ‰ → ratio);
      3. else not comparable: null.
    Columns follow the `<side>_value`, `<side>_unit`, `<side>_value_base`, `<side>_base_unit`
    naming (target_*, outcome_*, estimate_*, final_*). `field` picks which value: 'value', or
    'value_high' for a range's high bound (falling back to the low bound when there is none).
    common_unit(..., sep='.') reads relation columns instead (targets.unit, outcomes.base_unit). -#}

{% macro common_unit(side, other, sep='_') -%}
    case
        when {{ side }}{{ sep }}unit = {{ other }}{{ sep }}unit then {{ side }}{{ sep }}unit
        when {{ side }}{{ sep }}base_unit = {{ other }}{{ sep }}base_unit then {{ side }}{{ sep }}base_unit
    end
{%- endmacro %}

{% macro in_common_unit(side, other, field='value') -%}
    {%- if field == 'value' -%}
        {%- set written, based = side ~ '_value', side ~ '_value_base' -%}
    {%- else -%}
        {%- set written = 'coalesce(' ~ side ~ '_' ~ field ~ ', ' ~ side ~ '_value)' -%}
        {%- set based = 'coalesce(' ~ side ~ '_' ~ field ~ '_base, ' ~ side ~ '_value_base)' -%}
    {%- endif -%}
    case
        when {{ side }}_unit = {{ other }}_unit then {{ written }}
        when {{ side }}_base_unit = {{ other }}_base_unit then {{ based }}
    end
{%- endmacro %}
