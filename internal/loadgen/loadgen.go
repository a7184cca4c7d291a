// Package loadgen drives HTTP load at a running Candor server and summarises
// latency, so speed targets are checked by a command rather than a unit test.
package loadgen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Options says what to request and how hard.
type Options struct {
	URLs        []string // requested round-robin
	Header      http.Header
	Concurrency int
	Duration    time.Duration
	Warmup      time.Duration
}

// Result summarises one run.
type Result struct {
	Requests   int
	Errors     int // transport errors and non-2xx answers
	Elapsed    time.Duration
	PerSecond  float64
	P50, P90   time.Duration
	P99, Max   time.Duration
	FirstError string
}

func (r Result) String() string {
	return fmt.Sprintf("%d requests in %v: %.0f req/s, p50 %v, p90 %v, p99 %v, max %v, errors %d",
		r.Requests, r.Elapsed.Round(time.Millisecond), r.PerSecond,
		r.P50.Round(time.Microsecond), r.P90.Round(time.Microsecond),
		r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond), r.Errors)
}

// Run sends requests with Concurrency workers for Duration (after an unmeasured Warmup).
func Run(ctx context.Context, o Options) (Result, error) {
	if len(o.URLs) == 0 {
		return Result{}, fmt.Errorf("loadgen: no URLs")
	}
	if o.Concurrency < 1 {
		o.Concurrency = 1
	}
	tr := &http.Transport{MaxIdleConns: o.Concurrency * 2, MaxIdleConnsPerHost: o.Concurrency * 2, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	if o.Warmup > 0 {
		wctx, cancel := context.WithTimeout(ctx, o.Warmup)
		drive(wctx, client, o, nil)
		cancel()
	}
	rctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	start := time.Now()
	var mu sync.Mutex
	var lat []time.Duration
	var res Result
	drive(rctx, client, o, func(d time.Duration, err string) {
		mu.Lock()
		defer mu.Unlock()
		if err != "" {
			res.Errors++
			if res.FirstError == "" {
				res.FirstError = err
			}
			return
		}
		lat = append(lat, d)
	})
	res.Elapsed = time.Since(start)
	res.Requests = len(lat) + res.Errors
	res.PerSecond = float64(len(lat)) / res.Elapsed.Seconds()
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		res.P50, res.P90, res.P99, res.Max = lat[n*50/100], lat[n*90/100], lat[n*99/100], lat[n-1]
	}
	return res, nil
}

func drive(ctx context.Context, client *http.Client, o Options, record func(time.Duration, string)) {
	var wg sync.WaitGroup
	for w := 0; w < o.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i++ {
				u := o.URLs[i%len(o.URLs)]
				t0 := time.Now()
				errText := get(ctx, client, u, o.Header)
				if ctx.Err() != nil {
					return // a request cut by the deadline is not a server error
				}
				if record != nil {
					record(time.Since(t0), errText)
				}
			}
		}(w)
	}
	wg.Wait()
}

func get(ctx context.Context, client *http.Client, u string, h http.Header) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err.Error()
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return err.Error()
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Sprintf("GET %s: %s", u, resp.Status)
	}
	return ""
}
