"""The time layer (时间): age, periods and spans, calendars, deadlines.

Age in full years and school age, period and span arithmetic (民法典 第二百零一条
to 第二百零四条), work calendars and school calendars, and the deadlines of the
year. It imports the core and the policy layer.
"""
